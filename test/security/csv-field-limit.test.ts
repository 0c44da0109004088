import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isReject, readCsv, type SourceItem } from '@unsilo/sdk/sources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

/**
 * Issue 11 (CSV part): a field over the documented limit (1 MiB) is one clear reject naming the limit, the
 * column and the line; the reader skips to the next record without keeping the field, and the field's own
 * lines never become rows.
 */
const HEADER = 'SFZH,XM,XB,CSRQ,MZDM,HJDZ_XZQH,HJDZ';
const GOOD = [
  '330102198510100118,何伟,0,1985-10-10,01,330102,上城区解放路1号',
  '330102199203040228,高娜,1,19920304,01,330102,上城区人民路2号',
];
/** 50 MB of a quoted address whose lines each look like a valid row. */
const HUGE_FIELD = `"${'330102198510100118,何伟,0,1985-10-10,01,330102,上城区\n'.repeat(800_000)}"`;

describe('CSV field limit', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unsilo-csv-limit-'));
    const huge = `330103196002290338,林杰,0,1960-02-29,03,330103,${HUGE_FIELD}`;
    writeFileSync(join(dir, 'export.csv'), `${HEADER}\n${GOOD[0]}\n${huge}\n${GOOD[1]}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('unsilo map run: a 50 MB field is one reject, not hundreds of thousands of rows', async () => {
    const rejects = join(dir, 'rejects.ndjson');
    const result = await runCli([
      'map',
      'run',
      '-m',
      join(repoRoot, 'test/fixtures/mapping/gongan/czrk.mapping.yaml'),
      '-i',
      join(dir, 'export.csv'),
      '-o',
      join(dir, 'out.ndjson'),
      '--rejects',
      rejects,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!)).toMatchObject({
      read: 3,
      accepted: 2,
      rejected: 1,
    });
    const [reject, ...more] = readFileSync(rejects, 'utf8').trimEnd().split('\n');
    expect(more).toEqual([]);
    expect(JSON.parse(reject!)).toMatchObject({
      row: 2,
      line: 3,
      errors: [
        {
          field: 'HJDZ',
          rule: 'csv/field-too-large',
          message:
            'line 3: column 7 (HJDZ) is longer than 1048576 characters (the limit); skipped up to line 800003',
          zh: '第 3 行：第 7 列（HJDZ）超过 1048576 个字符的上限，已跳过至第 800003 行',
        },
      ],
    });
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });

  it('readCsv: an unquoted 50 MB field streamed in chunks is one reject, and the next row is read', async () => {
    const chunk = Buffer.from('x'.repeat(1 << 16));
    async function* bytes() {
      yield Buffer.from(`A,B\n1,`);
      for (let i = 0; i < 800; i++) yield chunk;
      yield Buffer.from(',extra\n2,ok\n');
    }
    const items: SourceItem[] = [];
    for await (const item of readCsv(Readable.from(bytes()), { encoding: 'utf-8' })) items.push(item);
    expect(
      items.map((item) => (isReject(item) ? [item.line, item.error.rule, item.error.field] : item.values)),
    ).toEqual([[2, 'csv/field-too-large', 'B'], { A: '2', B: 'ok' }]);
  });
});
