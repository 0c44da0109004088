import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { idcardCheckChar } from '@unsilo/sdk/identifiers';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { readNdjson } from '../helpers/ndjson';
import { catalogDir, mappingFile, minzhengEnv, RESOURCE, sandboxWithPopulation } from '../sync/support';

// A legacy 民政 export with the faults real exports have, read by `map run` and by `sync` into a real exchange:
// every row must be accepted or rejected with its reasons, the same way on both paths, and the exchange must
// hold exactly the accepted keys — no row lost or doubled in silence.

/** A valid 18-digit ID number of someone born on `birth` (YYYYMMDD) in `area`; odd `seq` is male. */
function idNumber(area: string, birth: string, seq: number): string {
  const body = `${area}${birth}${String(seq).padStart(3, '0')}`;
  return body + idcardCheckChar(body);
}

const when = '2024-05-01T08:00:00+08:00';
const row = (id: string, name: string, sex: string, birth: string, region: string, extra = {}) => ({
  SFZH: id,
  XM: name,
  XB: sex,
  CSRQ: birth,
  MZ: '汉族',
  HJDQ: region,
  JZLB: '低保',
  GXSJ: when,
  ...extra,
});

const duplicated = idNumber('330102', '19500101', 12);
const badCheck = `${idNumber('330105', '19610304', 22).slice(0, 17)}${idNumber('330105', '19610304', 22).endsWith('0') ? '1' : '0'}`;
const rows = [
  row(idNumber('330102', '19400101', 2), '王芳', '2', '19400101', '330102'),
  row(idNumber('330106', '19450719', 11), '李强', '男', '19450719', '330106'), // sex as a word
  row(duplicated, '张红', '2', '19500101', '330102'), // duplicate key (1 of 2)
  row(idNumber('330113', '19800808', 32), '周敏', '女', '19800808', '330113'), // 临平区, current since 2021
  row(idNumber('330103', '19700505', 41), '陈刚', '1', '19700505', '330103'), // 下城区, abolished 2021: warning only
  row(idNumber('330108', '19881128', 62), '程芳', '3', '19881128', '330108'), // unknown sex code
  row(idNumber('330127', '19530214', 4), '刘娟', '2', '19850230', '330127'), // impossible date
  row(badCheck, '赵娟', '2', '19610304', '330105'), // wrong check character
  row('', '无名', '1', '19600101', '330102'), // blank key
  row(duplicated, '张红', '2', '19500101', '330102'), // duplicate key (2 of 2)
  row(idNumber('330109', '19900101', 51), '吴磊', '1', '19900101', '330109', { MZ: '火星族' }), // unknown nation
  row(idNumber('330110', '19920202', 71), '孙丽', '2', '19920202', '330110'), // sex contradicts the ID
  row(idNumber('330105', '19750315', 81), '钱伟', '1', '19750315', '330105'),
];
const header = Object.keys(rows[0]!).join(',');
const csv = [header, ...rows.map((r) => Object.values(r).join(','))].join('\r\n');
// The last line is cut off inside a quoted field, as an interrupted export leaves it.
const exportBytes = iconv.encode(`${csv}\r\n${idNumber('330102', '19660606', 91)},"孙`, 'gbk');

let work: string;
let sandbox: RunningSandbox;
let client: ExchangeClient;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'unsilo-legacy-export-'));
  writeFileSync(join(work, 'export.csv'), exportBytes);
  ({ sandbox, client } = await sandboxWithPopulation());
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(work, { recursive: true, force: true });
});

interface RejectLine {
  row: number;
  errors: Array<{ rule: string }>;
}
const rejectLines = (file: string) => readNdjson<RejectLine>(file);
const rulesByRow = (lines: RejectLine[]) =>
  Object.fromEntries(lines.map((l) => [l.row, [...new Set(l.errors.map((e) => e.rule))].sort()]));

describe('a legacy export with every fault, through map run and sync', () => {
  let mapCounts: { read: number; accepted: number; rejected: number; replaced: number };
  let mapRejects: RejectLine[];
  let acceptedKeys: string[];

  it('map run accounts for every row, each reject with its reasons', async () => {
    const out = join(work, 'records.ndjson');
    const rejects = join(work, 'map.rejects.ndjson');
    const input = join(work, 'export.csv');
    const run = await runCli([
      'map',
      'run',
      '-m',
      mappingFile,
      '-i',
      input,
      '--catalog',
      catalogDir,
      '-o',
      out,
      '--rejects',
      rejects,
    ]);
    expect(run.stderr).not.toContain('Error:');
    expect(run.code).toBe(1); // some rows rejected
    mapRejects = rejectLines(rejects);
    acceptedKeys = readNdjson<{ gmsfhm: string }>(out)
      .map((record) => record.gmsfhm)
      .sort();
    const [, read, accepted, rejected, warnings] =
      /read (\d+) {2}accepted (\d+) {2}rejected (\d+) {2}warnings (\d+)/.exec(run.stdout)!.map(Number);
    mapCounts = { read: read!, accepted: accepted!, rejected: rejected!, replaced: 0 };
    // Thirteen rows and the line an interrupted export cut off; 下城区 (abolished 2021) passes with a warning.
    expect({ ...mapCounts, warnings }).toEqual({
      read: 14,
      accepted: 5,
      rejected: 9,
      replaced: 0,
      warnings: 1,
    });
    expect(acceptedKeys).toHaveLength(mapCounts.accepted);
    expect(mapRejects).toHaveLength(mapCounts.rejected);
    expect(mapCounts.accepted + mapCounts.rejected).toBe(mapCounts.read);
    expect(rulesByRow(mapRejects)).toEqual({
      3: ['duplicate'],
      6: ['codes'],
      7: ['date'],
      8: ['idcard'],
      9: ['required'],
      10: ['duplicate'],
      11: ['codes'],
      12: ['idcard-consistent'],
      14: ['csv/unclosed-quote'],
    });
    // 王芳, 李强, 周敏 (临平区), 陈刚 (下城区), 钱伟; neither row of the repeated key.
    expect(acceptedKeys).not.toContain(duplicated);
  });

  it('sync reads, accepts and rejects the same rows, and the exchange holds exactly the accepted keys', async () => {
    const run = await runCli(
      ['sync', '-m', mappingFile, '-i', join(work, 'export.csv'), '--mode', 'snapshot', '--format', 'json'],
      { cwd: work, env: { ...minzhengEnv(sandbox.url), UNSILO_LANG: 'en' } },
    );
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as {
      read: number;
      accepted: number;
      rejected: number;
      replaced: number;
      rejects: string;
      rejectRate: number;
    };
    expect({
      read: summary.read,
      accepted: summary.accepted,
      rejected: summary.rejected,
      replaced: summary.replaced,
    }).toEqual(mapCounts);
    expect(rulesByRow(rejectLines(summary.rejects))).toEqual(rulesByRow(mapRejects));

    const held: string[] = [];
    for await (const record of client.records.query(RESOURCE, { limit: 500 }))
      held.push((record as { gmsfhm: string }).gmsfhm);
    expect(held.sort()).toEqual(acceptedKeys);

    const quality = (await client.quality.get(RESOURCE)).data as { rowRejectRate: number };
    expect(quality.rowRejectRate).toBeCloseTo(mapCounts.rejected / mapCounts.read, 6);
    expect(summary.rejectRate).toBeCloseTo(mapCounts.rejected / mapCounts.read, 6);
  });
});
