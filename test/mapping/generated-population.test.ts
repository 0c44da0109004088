import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../scripts/gen-population';
import { runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-population-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = `apiVersion: unsilo/v1
kind: InformationResource
code: "307002010301/000098"
name: 人口信息（生成数据）
items:
  - { name: 公民身份号码, key: gmsfhm, type: C, length: 18 }
  - { name: 姓名, key: xm, type: C, length: 50 }
  - { name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }
  - { name: 出生日期, key: csrq, type: D }
  - { name: 户籍地址, key: hjdz, type: C, length: 200 }
`;
const mapping = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307002010301/000098"
source: { format: csv, encoding: auto }
key: [gmsfhm]
fields:
  gmsfhm: { from: SFZH, check: [idcard] }
  xm: { from: XM }
  xb: { from: XB, codes: { "1": "1", "2": "2" } }
  csrq: { from: CSRQ, transform: [{ date: YYYYMMDD }] }
  hjdz: { from: HJDZ }
checks:
  - idcard-consistent: { idcard: gmsfhm, sex: xb, birthDate: csrq }
`;

describe('map run on a generated GBK population export', () => {
  it('detects GBK, reads quoted addresses, rejects the ~1% planted faults and reconciles', async () => {
    writeFileSync(join(dir, 'entry.yaml'), entry);
    writeFileSync(join(dir, 'population.mapping.yaml'), mapping);
    const input = join(dir, 'population.csv');
    await writePopulationCsv(input, 20_000, { encoding: 'gbk', seed: 7 });
    const result = await runCli([
      'map',
      'run',
      '-m',
      join(dir, 'population.mapping.yaml'),
      '-i',
      input,
      '-o',
      join(dir, 'out.ndjson'),
      '--catalog',
      join(dir, 'entry.yaml'),
      '--format',
      'json',
    ]);
    const summary = JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!);
    expect(summary.read).toBe(20_000);
    expect(summary.read).toBe(summary.accepted + summary.rejected);
    expect(summary.rejected).toBeGreaterThan(100);
    expect(summary.rejected).toBeLessThan(300);
    expect(Object.keys(summary.rejectsByRule).sort()).toEqual(['codes', 'date', 'idcard']);
    const out = readFileSync(join(dir, 'out.ndjson'), 'utf8').trimEnd().split('\n');
    expect(out).toHaveLength(summary.accepted);
    expect(out.some((line) => /单元/.test(JSON.parse(line).hjdz))).toBe(true);
    const rejects = readFileSync(join(dir, 'out.rejects.ndjson'), 'utf8').trimEnd().split('\n');
    expect(rejects).toHaveLength(summary.rejected);
  });
});
