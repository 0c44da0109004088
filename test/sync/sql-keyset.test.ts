import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTable, touchRows } from '../../examples/sql-keyset/demo-table';
import { personRows } from '../../examples/sql-keyset/person-rows';
import { syncTable } from '../../examples/sql-keyset/sync-table';
import { exchangeCounts, sandboxWithPopulation } from './support';

describe('examples/sql-keyset: a SQL table as a sync source', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;
  const db = new Database(':memory:');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-sql-'));
    ({ sandbox, client } = await sandboxWithPopulation());
    createDemoTable(db, 5_000);
  });
  afterAll(async () => {
    db.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every row exactly once across pages, in (updated_at, id) order', async () => {
    const ids: number[] = [];
    for await (const row of personRows(db, { pageSize: 333 })) ids.push(row.id);
    expect(ids).toHaveLength(5_000);
    expect(new Set(ids).size).toBe(5_000);
  });

  it('pushes the table, then only the rows changed since the stored watermark', async () => {
    const checkpoint = join(dir, 'relief-person.json');
    const first = await syncTable({ db, client, checkpoint, pageSize: 400 });
    expect(first).toMatchObject({ completed: true, read: 5_000, accepted: 5_000, rejected: 0 });

    const changed = touchRows(db, 37);
    const second = await syncTable({ db, client, checkpoint, pageSize: 400 });
    expect(second).toMatchObject({ read: 37, accepted: 37, unchanged: 0 });
    expect(exchangeCounts(sandbox)).toMatchObject({ records: 5_000, upserts: 5_037 });
    const row = db
      .prepare<[number], { sfzh: string }>('SELECT sfzh FROM relief_person WHERE id = ?')
      .get(changed[0]!)!;
    const records = await client.records
      .query('307002010101/000001', { filter: { gmsfhm: row.sfzh } } as never)
      .toArray();
    expect(records).toEqual([expect.objectContaining({ gmsfhm: row.sfzh, jzlb: '特困' })]);

    const third = await syncTable({ db, client, checkpoint });
    expect(third).toMatchObject({ read: 0, accepted: 0, batches: 0 });
  });
});
