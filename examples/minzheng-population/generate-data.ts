import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
// Given-name characters as a city's register shows them: the sex digit of the ID number decides which list.
const GIVEN_MALE = '伟强磊军洋勇杰涛明超刚建国志文辉斌鹏飞浩宇俊峰';
const GIVEN_FEMALE = '芳娜敏静丽艳娟秀霞桂英玉兰萍红燕雪梅琳婷慧';
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
 * date agree with the other columns, so every generated row passes the mapping's checks. Consecutive people
 * live in different districts, alternate in sex, and are born on days spread over 1940–1989; the given name
 * matches the sex.
 */
export function populationRow(i: number, updated = '2024-05-01T08:00:00+08:00'): PopulationRow {
  const district = i % REGIONS.length;
  const region = REGIONS[district]!;
  const inRegion = Math.floor(i / REGIONS.length);
  const pair = Math.floor(inRegion / 2);
  // 7919 is prime to BIRTH_SPAN_DAYS: in a district, every day of the span is used once before any repeats.
  const day = (pair * 7919 + district * 1013) % BIRTH_SPAN_DAYS;
  const male = (inRegion + district) % 2 === 1;
  const sequence = 2 * (Math.floor(pair / BIRTH_SPAN_DAYS) % 500) + (male ? 1 : 0);
  const birth = new Date(FIRST_BIRTH + day * DAY);
  const ymd = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const body = `${region}${ymd}${String(sequence).padStart(3, '0')}`;
  const given = male ? GIVEN_MALE : GIVEN_FEMALE;
  return {
    SFZH: body + idcardCheck(body),
    XM:
      SURNAMES[i % SURNAMES.length]! +
      given[(i * 7) % given.length]! +
      (i % 3 === 0 ? given[(i * 13) % given.length]! : ''),
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
// Compared by full path: another example's generate-data.ts that imports this one must not run it.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [, , out = 'population.csv', count = '1000'] = process.argv;
  await writePopulationCsv(out, Number(count));
  process.stdout.write(`wrote ${count} rows to ${out}\n`);
}
