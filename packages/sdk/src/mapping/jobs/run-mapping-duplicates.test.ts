import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPopulationMapping } from '../test-fixtures';
import { MappingJobError } from './job-error';
import { runMappingFile } from './run-mapping-file';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-map-duplicates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = new Date('2026-11-26T00:00:00Z');
const compiled = () => compiledPopulationMapping({ today });
const header = 'SFZH,XM,XB,CSRQ,MZ,HJDQ,JTRKS,LXDH';
const A = '11010519491231002X';
const B = '110105194912310046';
const row = (id: string, name: string, xb = '2') => `${id},${name},${xb},19491231,汉族,110105,3,`;
const lines = (path: string) => {
  const text = readFileSync(path, 'utf8').trimEnd();
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l));
};

async function run(name: string, rows: string[], duplicates?: 'reject' | 'last', stream = false) {
  const text = [header, ...rows].join('\n');
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, text);
  const output = join(dir, `${name}.ndjson`);
  const rejects = join(dir, `${name}.rejects.ndjson`);
  const input = stream ? Readable.from([Buffer.from(text)]) : path;
  const counts = await runMappingFile(compiled(), {
    input,
    output,
    rejects,
    ...(duplicates ? { duplicates } : {}),
  });
  return { counts, records: lines(output), rejects: lines(rejects) };
}

describe('runMappingFile and duplicate keys', () => {
  it('rejects every row of a repeated key, each naming the other rows; a row whose key is invalid takes no part', async () => {
    const { counts, records, rejects } = await run('reject', [
      row(A, '张三'),
      row(A, '张三（重复）'),
      row(B, '李四'),
      row(A, '王五', '9'),
      row('110105194912310047', '校验码错'),
      row('110105194912310047', '校验码错'),
    ]);
    expect(records.map((r) => r.gmsfhm)).toEqual([B]);
    expect(counts).toMatchObject({
      read: 6,
      accepted: 1,
      rejected: 5,
      replaced: 0,
      duplicateScan: 'prescanned',
    });
    expect(counts.rejectsByRule).toMatchObject({ duplicate: 3, idcard: 2 });
    expect(rejects.map((r) => [r.row, r.errors.map((e: { rule: string }) => e.rule)])).toEqual([
      [1, ['duplicate']],
      [2, ['duplicate']],
      [4, ['duplicate', 'codes']],
      [5, ['idcard']],
      [6, ['idcard']],
    ]);
    expect(rejects[0].errors[0]).toEqual({
      field: 'gmsfhm',
      rule: 'duplicate',
      value: A,
      message: `key gmsfhm = ${A} occurs more than once: also in row 2, 4`,
      zh: `主键 gmsfhm = ${A} 重复：第 2、4 行也是该主键`,
    });
    expect(rejects[1].errors[0].message).toContain('also in row 1, 4');
    expect(rejects[2].errors[0].message).toContain('also in row 1, 2');
  });

  it('names the first ten other rows and counts the rest', async () => {
    const { rejects } = await run(
      'many',
      Array.from({ length: 13 }, (_, i) => row(A, `张${i}`)),
    );
    expect(rejects).toHaveLength(13);
    expect(rejects[0].errors[0].message).toBe(
      `key gmsfhm = ${A} occurs more than once: also in row 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more`,
    );
    expect(rejects[0].errors[0].zh).toContain('第 2、3、4、5、6、7、8、9、10、11 等（另有 2 行）');
  });

  it('duplicates: last keeps the last row of a key and counts the earlier ones as replaced', async () => {
    const { counts, records, rejects } = await run(
      'last',
      [row(A, '张三'), row(B, '李四'), row(A, '张三更正'), row(A, '张三再更正')],
      'last',
    );
    expect(records.map((r) => [r.gmsfhm, r.xm])).toEqual([
      [B, '李四'],
      [A, '张三再更正'],
    ]);
    expect(rejects).toEqual([]);
    expect(counts).toMatchObject({ read: 4, accepted: 2, rejected: 0, replaced: 2 });
    expect(counts.read).toBe(counts.accepted + counts.rejected + counts.replaced);
  });

  it('a stream read once keeps the first row of a key and rejects later ones, saying it could not be pre-scanned', async () => {
    const { counts, records, rejects } = await run(
      'stream',
      [row(A, '张三'), row(B, '李四'), row(A, '张三二'), row(A, '张三三')],
      'reject',
      true,
    );
    expect(records.map((r) => r.xm)).toEqual(['张三', '李四']);
    expect(counts).toMatchObject({ read: 4, accepted: 2, rejected: 2, duplicateScan: 'streaming' });
    expect(rejects.map((r) => [r.row, r.errors[0].rule, r.errors[0].message])).toEqual([
      [
        3,
        'duplicate',
        `key gmsfhm = ${A} already occurs in row 1; the input could not be pre-scanned, so the first occurrence was kept`,
      ],
      [
        4,
        'duplicate',
        `key gmsfhm = ${A} already occurs in row 1, 3; the input could not be pre-scanned, so the first occurrence was kept`,
      ],
    ]);
    expect(rejects[0].errors[0].zh).toBe(
      `主键 gmsfhm = ${A} 已在第 1 行出现；输入无法预先扫描，保留了首次出现的行`,
    );
  });

  it('refuses duplicates: last on a stream before writing anything', async () => {
    const output = join(dir, 'stream-last.ndjson');
    const failure = await runMappingFile(compiled(), {
      input: Readable.from([Buffer.from([header, row(A, '张三')].join('\n'))]),
      output,
      rejects: join(dir, 'stream-last.rejects.ndjson'),
      duplicates: 'last',
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MappingJobError);
    expect((failure as MappingJobError).code).toBe('duplicates/needs-prescan');
    expect((failure as MappingJobError).message).toContain('needs an input that can be read twice');
    expect(existsSync(output)).toBe(false);
  });
});
