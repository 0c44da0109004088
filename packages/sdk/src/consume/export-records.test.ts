import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../client';
import { Paginator } from '../client/core/pagination';
import type { DataRecord } from '../generated';
import { exportRecords } from './export-records';

const entry = { items: [{ key: 'id' }, { key: 'name' }], key: ['id'] };

/** A client whose query answers `pages` in turn; an Error in place of a page fails that request. */
function fakeClient(pages: (DataRecord[] | Error)[]): ExchangeClient {
  const fetchPage = async (cursor: string | undefined) => {
    const index = cursor === undefined ? 0 : Number(cursor);
    const page = pages[index]!;
    if (page instanceof Error) throw page;
    return { items: page, nextCursor: index + 1 < pages.length ? String(index + 1) : null, requestId: 'r' };
  };
  return {
    records: { query: () => new Paginator(fetchPage) },
    catalog: { get: async () => ({ data: { entry } }) },
  } as unknown as ExchangeClient;
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'unsilo-export-'));
}

describe('exportRecords', () => {
  it('writes every page and returns the count', async () => {
    const dir = await tempDir();
    const file = join(dir, 'out.csv');
    const client = fakeClient([[{ id: '1', name: 'a,b' }], [{ id: '2', name: '=x' }]]);
    const result = await exportRecords({ client, code: 'C', file });
    expect(result).toEqual({ records: 2, format: 'csv', file });
    expect(await readFile(file, 'utf8')).toBe(`id,name\r\n1,"a,b"\r\n2,'=x\r\n`);
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('writes NDJSON records as the exchange sent them', async () => {
    const dir = await tempDir();
    const file = join(dir, 'out.jsonl');
    await exportRecords({ client: fakeClient([[{ id: '1', name: '=x' }]]), code: 'C', file });
    expect(await readFile(file, 'utf8')).toBe('{"id":"1","name":"=x"}\n');
  });

  it('leaves no file, not even a temporary one, when a later page fails', async () => {
    const dir = await tempDir();
    const file = join(dir, 'out.ndjson');
    const client = fakeClient([[{ id: '1', name: 'a' }], new Error('connection reset')]);
    await expect(exportRecords({ client, code: 'C', file })).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the previous complete file when an export over it fails', async () => {
    const dir = await tempDir();
    const file = join(dir, 'out.xlsx');
    await writeFile(file, 'previous');
    const client = fakeClient([[{ id: '1', name: 'a' }], new Error('boom')]);
    await expect(exportRecords({ client, code: 'C', file })).rejects.toThrow('boom');
    expect(await readFile(file, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['out.xlsx']);
  });

  it('refuses an unknown extension and an encoding for a format other than CSV', async () => {
    const dir = await tempDir();
    const client = fakeClient([[]]);
    await expect(exportRecords({ client, code: 'C', file: join(dir, 'x.txt') })).rejects.toMatchObject({
      code: 'export.unknown_format',
    });
    await expect(
      exportRecords({ client, code: 'C', file: join(dir, 'x.ndjson'), encoding: 'gbk' }),
    ).rejects.toMatchObject({ code: 'export.encoding_not_csv' });
    expect(await readdir(dir)).toEqual([]);
  });
});
