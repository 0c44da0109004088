/**
 * Deterministic generator of a 20-column population export (民政-style: sex 1/2, dates YYYYMMDD), the input
 * of the mapping benchmark and of large-file tests. About 1% of rows are bad on purpose (wrong check digit,
 * unmapped sex code, impossible date), and about 5% carry a quoted address with a comma.
 *
 *   node --import tsx scripts/gen-population.ts --rows 1000000 --out .bench/population.csv [--encoding gbk] [--seed 42]
 */
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json' with { type: 'json' };
import iconv from 'iconv-lite';

export const POPULATION_COLUMNS = [
  'SFZH',
  'XM',
  'XB',
  'CSRQ',
  'MZ',
  'HJDZ_XZQH',
  'HJDZ',
  'LXDH',
  'JTRKS',
  'HYZK',
  'WHCD',
  'ZY',
  'GZDW',
  'DJRQ',
  'YHZGX',
  'CSD',
  'SG',
  'ZJXY',
  'BYZK',
  'BZ',
] as const;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国文辉志强春梅海燕小红晓东立新丹欣怡子涵浩然梓轩雨萱';
const NATIONS = [
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '回族',
  '满族',
  '壮族',
  '蒙古族',
  '苗族',
  '土家族',
];
const STREETS = ['解放路', '人民路', '中山路', '建设路', '和平街', '文化路', '新华路', '胜利路'];
const JOBS = ['教师', '工人', '农民', '医生', '职员', '个体', '退休', '学生', '军人', '无业'];
const EMPLOYERS = [
  '市第一中学',
  '市人民医院',
  '某某有限公司',
  '市财政局',
  '个体经营',
  '无',
  '某某农业合作社',
];
const RELATIONS = ['01', '02', '10', '20', '30', '51', '52'];

/** Mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const counties = (gbt2260 as { codes: Array<{ code: string; label: string }> }).codes.filter(
  (c) =>
    !c.code.endsWith('00') &&
    !c.code.startsWith('71') &&
    !c.code.startsWith('81') &&
    !c.code.startsWith('82'),
);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Yields the header line, then `rows` data lines (without line breaks). */
export function* populationLines(rows: number, seed = 42): Generator<string> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const pickChar = (text: string): string => text[Math.floor(rnd() * text.length)]!;
  yield POPULATION_COLUMNS.join(',');
  for (let i = 0; i < rows; i++) {
    const county = pick(counties);
    const year = 1930 + Math.floor(rnd() * 90);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const seq = Math.floor(rnd() * 1000);
    const sex = seq % 2 === 1 ? '1' : '2';
    const birth = `${year}${pad(month, 2)}${pad(day, 2)}`;
    const body = `${county.code}${birth}${pad(seq, 3)}`;
    let sum = 0;
    for (let k = 0; k < 17; k++) sum += (body.charCodeAt(k) - 48) * WEIGHTS[k]!;
    let id = body + CHECK[sum % 11];
    let sexCode = sex;
    let birthText = birth;
    const fault = rnd();
    if (fault < 0.004)
      id = body + CHECK[(sum + 1) % 11]; // wrong check digit
    else if (fault < 0.007)
      sexCode = '3'; // not in the codes table
    else if (fault < 0.01) birthText = `${year}0230`; // impossible date
    const name = pickChar(SURNAMES) + pickChar(GIVEN) + (rnd() < 0.5 ? pickChar(GIVEN) : '');
    const street = `${county.label}${pick(STREETS)}${1 + Math.floor(rnd() * 300)}号`;
    const address = rnd() < 0.05 ? `"${street},${1 + Math.floor(rnd() * 20)}单元"` : street;
    const phone = `1${3 + Math.floor(rnd() * 7)}${pad(Math.floor(rnd() * 1e9), 9)}`;
    const reg = `${2000 + Math.floor(rnd() * 24)}${pad(1 + Math.floor(rnd() * 12), 2)}${pad(1 + Math.floor(rnd() * 28), 2)}`;
    yield [
      id,
      name,
      sexCode,
      birthText,
      pick(NATIONS),
      county.code,
      address,
      phone,
      String(1 + Math.floor(rnd() * 6)),
      pick(['10', '20', '21', '30', '40']),
      pick(['10', '20', '30', '40', '60', '70', '80', '90']),
      pick(JOBS),
      pick(EMPLOYERS),
      reg,
      pick(RELATIONS),
      county.label,
      String(150 + Math.floor(rnd() * 40)),
      rnd() < 0.9 ? '无' : '佛教',
      pick(['0', '1', '2']),
      rnd() < 0.95 ? '' : '迁入',
    ].join(',');
  }
}

/** Writes the CSV (CRLF line ends, as legacy exports have) and resolves when it is flushed. */
export async function writePopulationCsv(
  path: string,
  rows: number,
  options: { seed?: number; encoding?: string } = {},
): Promise<void> {
  const out = createWriteStream(path);
  const encoding = options.encoding ?? 'utf-8';
  let chunk = '';
  const flush = async () => {
    const bytes = encoding === 'utf-8' ? Buffer.from(chunk) : iconv.encode(chunk, encoding);
    chunk = '';
    if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for (const line of populationLines(rows, options.seed ?? 42)) {
    chunk += `${line}\r\n`;
    if (chunk.length > 1 << 16) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const rows = Number(option('rows') ?? 1000);
  const outPath = option('out') ?? 'population.csv';
  await writePopulationCsv(outPath, rows, {
    seed: Number(option('seed') ?? 42),
    encoding: option('encoding') ?? 'utf-8',
  });
  process.stderr.write(`wrote ${rows} rows to ${outPath}\n`);
}
