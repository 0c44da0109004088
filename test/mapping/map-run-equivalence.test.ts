import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMapping, type RowIssue } from '@unsilo/sdk/mapping';
import { isReject, readCsv } from '@unsilo/sdk/sources';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli';

// `map run` maps each row the moment it is parsed, through a row function generated for the mapping, and
// encodes records straight into byte chunks. The reference here is the plain path: the row-by-row reader,
// the field loop (no generated code) and JSON.stringify. Both must write the same bytes.

const work = mkdtempSync(join(tmpdir(), 'unsilo-map-equivalence-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const entryYaml = `apiVersion: unsilo/v1
kind: InformationResource
code: "307002010301/000097"
name: 人口信息（等价测试）
items:
  - { name: 公民身份号码, key: gmsfhm, type: C, length: 18 }
  - { name: 姓名, key: xm, type: C, length: 50 }
  - { name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }
  - { name: 出生日期, key: csrq, type: D }
  - { name: 户籍地行政区划, key: hjdq, type: C, length: 6, codeset: GB/T 2260 }
  - { name: 户籍地址, key: hjdz, type: C }
  - { name: 联系电话, key: lxdh, type: C, length: 20 }
  - { name: 家庭人口数, key: jtrks, type: I }
  - { name: 备注, key: bz, type: C }
`;
const mappingYaml = (encoding: string) => `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307002010301/000097"
source: { format: csv, encoding: ${encoding} }
key: [gmsfhm, xm]
fields:
  gmsfhm: { from: SFZH, transform: [trim, upper, idcard18], check: [idcard] }
  xm:     { from: XM, transform: [trim, halfwidth] }
  xb:     { from: XB, codes: { "1": "1", "2": "2", 男: "1", 女: "2" } }
  csrq:   { from: CSRQ, transform: [{ date: ["YYYYMMDD", "YYYY年M月D日"] }] }
  hjdq:   { from: HJDQ, check: [region] }
  hjdz:   { from: [HJDZ, MPH], separator: " " }
  lxdh:   { from: LXDH, check: [phone] }
  jtrks:  { from: JTRKS, transform: [number] }
  bz:     { from: BZ, default: "无" }
checks:
  - idcard-consistent: { idcard: gmsfhm, sex: xb, birthDate: csrq }
`;

// Most rows are one person (one ID number) in different shapes; the key includes the name so that they are not
// duplicates of each other, which map run would reject (the duplicate rules have tests of their own).
const header = 'SFZH,XM,XB,CSRQ,HJDQ,HJDZ,MPH,LXDH,JTRKS,BZ';
// Far longer than a 128 KiB output chunk once encoded.
const longNote = '备注很长'.repeat(40_000);
const rows = [
  '11010519491231002X,张三,2,19491231,110105,朝阳区建国路,1号,13800138000,3,',
  ' 11010519491231002x ,"李四, 王五",女,1949年12月31日,110105,"多行\r\n地址 ""带引号""",2号,+86 138-0013-8000,"1,234",备注',
  '110105491231002,ＡＢＣ　全角,2,19491231,440524,"地址\n第二行",,010-12345678,2,',
  '11010519491231002X,反斜杠\\和	制表符,3,19491231,110105,街道,,13800138000,1,',
  '11010519491231002X,日期错,2,19490231,110105,街道,,13800138000,1,',
  '11010519491231002X,性别不符,1,19491231,110105,街道,,13800138000,1,',
  '11010519491231003X,校验码错,2,19491231,110105,街道,,13800138000,1,',
  '11010519491231002X,"引号后有字"x,2,19491231,110105,街道,,13800138000,1,',
  '11010519491231002X,字段太少,2',
  '',
  '11010519491231002X,区划格式错,2,19491231,11010,街道,,12345,abc,',
  `11010519491231002X,长备注,2,19491231,110105,街道,,13800138000,1,${longNote}`,
  '11010519491231002X,emoji 😀 与 \u2028 分隔,2,19491231,110105,街道,,,1,',
  '11010519491231002X,最后一行没有换行,2,19491231,110105,街道,,13800138000,1,"未闭合',
];
const csv = `${header}\r\n${rows.join('\r\n')}`;

/** What `map run` must write, computed the plain way. */
async function expected(input: string, encoding: string) {
  const loaded = loadMapping(mappingYaml(encoding), parse(entryYaml), { generate: false });
  const compiled = loaded.compiled!;
  const out: string[] = [];
  const rejects: string[] = [];
  const summary = { read: 0, accepted: 0, rejected: 0, warnings: 0 };
  for await (const item of readCsv(input, { encoding: encoding as 'auto' })) {
    summary.read++;
    if (isReject(item)) {
      summary.rejected++;
      rejects.push(JSON.stringify({ row: item.row, line: item.line, errors: [item.error] }));
      continue;
    }
    const outcome = compiled.mapRow(item.values, item.row);
    summary.warnings += outcome.warnings?.length ?? 0;
    if (outcome.errors) {
      summary.rejected++;
      const errors: RowIssue[] = outcome.errors;
      rejects.push(JSON.stringify({ row: item.row, errors, source: item.values }));
    } else {
      summary.accepted++;
      out.push(JSON.stringify(outcome.record));
    }
  }
  return { out, rejects, summary };
}

describe('map run writes what the plain path writes', () => {
  it.each([
    ['UTF-8 with a BOM', 'auto', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])],
    ['UTF-8 named in the mapping', 'utf-8', Buffer.from(csv)],
    ['GBK, detected', 'auto', iconv.encode(csv.replace('😀', ':)').replace('\u2028', ' '), 'gbk')],
  ])(
    '%s: quotes, line breaks in fields, malformed lines, rejects, a record longer than a chunk',
    async (name, encoding, bytes) => {
      const base = join(work, name.replace(/\W+/g, '-'));
      writeFileSync(`${base}.csv`, bytes);
      writeFileSync(`${base}.mapping.yaml`, mappingYaml(encoding));
      writeFileSync(`${base}.entry.yaml`, entryYaml);
      const result = await runCli([
        'map',
        'run',
        '-m',
        `${base}.mapping.yaml`,
        '-i',
        `${base}.csv`,
        '-o',
        `${base}.out.ndjson`,
        '--rejects',
        `${base}.rejects.ndjson`,
        '--catalog',
        `${base}.entry.yaml`,
        '--format',
        'json',
      ]);
      expect(result.code).toBe(1);
      const want = await expected(`${base}.csv`, encoding);
      const summary = JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!);
      expect(summary).toMatchObject(want.summary);
      expect(readFileSync(`${base}.out.ndjson`, 'utf8')).toBe(want.out.map((l) => `${l}\n`).join(''));
      expect(readFileSync(`${base}.rejects.ndjson`, 'utf8')).toBe(want.rejects.map((l) => `${l}\n`).join(''));
      // The file really has every kind of row.
      expect(want.summary.accepted).toBeGreaterThanOrEqual(5);
      expect(want.out.some((l) => l.length > 128 * 1024)).toBe(true);
      const rules = want.rejects.flatMap((l) => JSON.parse(l).errors.map((e: RowIssue) => e.rule));
      for (const rule of [
        'date',
        'idcard-consistent',
        'idcard',
        'csv/quote',
        'csv/field-count',
        'csv/unclosed-quote',
      ])
        expect(rules).toContain(rule);
      expect(want.summary.warnings).toBeGreaterThan(0);
    },
  );
});
