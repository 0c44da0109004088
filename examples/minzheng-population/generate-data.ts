import { createWriteStream } from 'node:fs';
import iconv from 'iconv-lite';

/** One row of the civil-affairs export (the legacy column names). */
export interface PopulationRow {
  SFZH: string;
  XM: string;
  XB: string;
  CSRQ: string;
  MZ: string;
  HJDQ: string;
  JZLB: string;
  GXSJ: string;
}

export const columns: ReadonlyArray<keyof PopulationRow> = [
  'SFZH',
  'XM',
  'XB',
  'CSRQ',
  'MZ',
  'HJDQ',
  'JZLB',
  'GXSJ',
];

const REGIONS = [
  '330102',
  '330105',
  '330106',
  '330108',
  '330109',
  '330110',
  '330111',
  '330112',
  '330122',
  '330127',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉';
const NATIONS = ['汉族', '汉族', '汉族', '汉族', '回族', '满族', '畲族', '苗族'];
const KINDS = ['低保', '特困', '临时救助'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const DAY = 86_400_000;
const FIRST_BIRTH = Date.UTC(1940, 0, 1);
const BIRTH_SPAN_DAYS = 18_000;

/** The GB 11643 check character of the first 17 digits. */
export function idcardCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * The i-th person (0-based), the same on every call: a unique, valid 公民身份号码 whose sex digit and birth
 * date agree with the other columns, so every generated row passes the mapping's checks.
 */
export function populationRow(i: number, updated = '2024-05-01T08:00:00+08:00'): PopulationRow {
  const day = i % BIRTH_SPAN_DAYS;
  const sequence = Math.floor(i / BIRTH_SPAN_DAYS) % 1000;
  const region = REGIONS[Math.floor(i / BIRTH_SPAN_DAYS / 1000) % REGIONS.length]!;
  const birth = new Date(FIRST_BIRTH + day * DAY);
  const ymd = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const body = `${region}${ymd}${String(sequence).padStart(3, '0')}`;
  const male = sequence % 2 === 1;
  return {
    SFZH: body + idcardCheck(body),
    XM:
      SURNAMES[i % SURNAMES.length]! +
      GIVEN[(i * 7) % GIVEN.length]! +
      (i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length]! : ''),
    XB: i % 5 === 0 ? (male ? '男' : '女') : male ? '1' : '2',
    CSRQ: ymd,
    MZ: NATIONS[i % NATIONS.length]!,
    HJDQ: region,
    JZLB: KINDS[i % KINDS.length]!,
    GXSJ: updated,
  };
}

export function csvLine(row: PopulationRow): string {
  return `${columns.map((c) => row[c]).join(',')}\r\n`;
}

/** Writes `count` rows (or the rows `rows` yields) as a GBK CSV with a header, as the legacy system exports. */
export async function writePopulationCsv(
  path: string,
  rows: number | Iterable<PopulationRow>,
): Promise<void> {
  const out = createWriteStream(path);
  const iterable = typeof rows === 'number' ? range(rows) : rows;
  let chunk = `${columns.join(',')}\r\n`;
  for (const row of iterable) {
    chunk += csvLine(row);
    if (chunk.length > 256 * 1024) {
      if (!out.write(iconv.encode(chunk, 'gbk')))
        await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(iconv.encode(chunk, 'gbk'));
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function* range(count: number): Iterable<PopulationRow> {
  for (let i = 0; i < count; i += 1) yield populationRow(i);
}

// `node --import tsx generate-data.ts out.csv 10000` writes a file of that size.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [, , out = 'population.csv', count = '1000'] = process.argv;
  await writePopulationCsv(out, Number(count));
  process.stdout.write(`wrote ${count} rows to ${out}\n`);
}
