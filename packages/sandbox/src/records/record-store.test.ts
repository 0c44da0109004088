import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinDir, type RunningPostgres, startPostgres } from '../../../../test/helpers/postgres';
import { openDatabase } from '../db/open-database';
import { migratePg } from '../storage/pg/migrate';
import { createPgRecordStore } from '../storage/pg/pg-records';
import { createPgPool, type PgPool } from '../storage/pg/pool';
import type { RecordStore } from '../storage/ports';
import { createRecordStore } from './record-store';

function batchRow(id: string) {
  return {
    id,
    departmentId: 'gongan',
    idempotencyKey: id,
    requestHash: 'h',
    resourceCode: 'R',
    count: 0,
    accepted: 0,
    rejected: 0,
    statusCode: 200,
    response: `{"batchId":"${id}"}`,
    createdAt: '2026-11-26T08:00:00.000Z',
  };
}

/** One PostgreSQL cluster for the file, started when a test first needs it; a fresh database per store. */
let cluster: Promise<RunningPostgres> | undefined;
const pools: PgPool[] = [];
let databases = 0;
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  if (cluster) (await cluster).stop();
});

async function openPgStore(): Promise<RecordStore> {
  cluster ??= startPostgres();
  databases += 1;
  const pool = createPgPool((await cluster).createDatabase(`records_${databases}`));
  pools.push(pool);
  await migratePg(pool);
  return createPgRecordStore(pool);
}

const backends: Array<{ name: string; open: () => Promise<RecordStore>; skip: boolean }> = [
  { name: 'SQLite', open: async () => createRecordStore(openDatabase({ memory: true })), skip: false },
  // Skipped where PostgreSQL is not installed, never in CI (see describeWithPostgres).
  { name: 'PostgreSQL', open: openPgStore, skip: postgresBinDir() === undefined && !process.env.CI },
];

describe.each(backends)('record store on $name', ({ open, skip }) => {
  if (skip) {
    it.skip('needs PostgreSQL', () => {});
    return;
  }
  it('writes upserts in chunks with one change each; a key upserted twice keeps its last value', async () => {
    const store = await open();
    const upserts = Array.from({ length: 250 }, (_, i) => ({ key: `{"k":${i}}`, data: `{"k":${i},"v":1}` }));
    upserts.push({ key: '{"k":3}', data: '{"k":3,"v":2}' });
    await store.writeBatch('R', upserts, [{ key: '{"k":4}' }, { key: '{"k":999}' }], batchRow('b1'));

    const changes = await store.changesAfter('R', 0, 1000);
    expect(changes).toHaveLength(252);
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 252 }, (_, i) => i + 1));
    expect(changes.at(-1)).toMatchObject({ op: 'delete', record_key: '{"k":4}', data: null });
    const rows = await store.page('R', '', 1000);
    expect(rows).toHaveLength(249);
    expect(rows.find((r) => r.record_key === '{"k":3}')?.data).toBe('{"k":3,"v":2}');
    expect(await store.findBatch('gongan', 'b1')).toEqual({
      requestHash: 'h',
      statusCode: 200,
      response: '{"batchId":"b1"}',
    });
  });

  it('stores canonical bytes and text alike, and reads both back as text', async () => {
    const store = await open();
    const bytes = new TextEncoder().encode('{"k":1,"xm":"张三"}');
    await store.writeBatch(
      'R',
      [
        { key: '{"k":1}', data: bytes },
        { key: '{"k":2}', data: '{"k":2}' },
      ],
      [],
      batchRow('b1'),
    );
    expect((await store.page('R', '', 10)).map((r) => r.data)).toEqual(['{"k":1,"xm":"张三"}', '{"k":2}']);
    expect((await store.filteredPage('R', [['xm', '张三']], '', 10)).map((r) => r.record_key)).toEqual([
      '{"k":1}',
    ]);
    expect((await store.changesAfter('R', 0, 10)).map((c) => c.data)).toEqual([
      '{"k":1,"xm":"张三"}',
      '{"k":2}',
    ]);
  });

  it('rolls the whole batch back when any part fails', async () => {
    const store = await open();
    await store.writeBatch('R', [{ key: '{"k":1}', data: '{"k":1}' }], [], batchRow('b1'));
    // Same batch id under a new key: the batch row violates its PRIMARY KEY after the records were written.
    await expect(
      store.writeBatch('R', [{ key: '{"k":2}', data: '{"k":2}' }], [{ key: '{"k":1}' }], {
        ...batchRow('b1'),
        idempotencyKey: 'other',
      }),
    ).rejects.toThrow(/UNIQUE|PRIMARY|duplicate key/);
    expect((await store.page('R', '', 10)).map((r) => r.record_key)).toEqual(['{"k":1}']);
    expect(await store.changesAfter('R', 0, 10)).toHaveLength(1);
  });

  it('writes nothing under a key another batch took meanwhile, and answers with the stored answer', async () => {
    const store = await open();
    expect(await store.writeBatch('R', [{ key: '{"k":1}', data: '{"k":1}' }], [], batchRow('b1'))).toEqual({
      written: true,
    });
    const again = await store.writeBatch('R', [{ key: '{"k":2}', data: '{"k":2}' }], [{ key: '{"k":1}' }], {
      ...batchRow('b2'),
      idempotencyKey: 'b1',
      requestHash: 'other',
    });
    expect(again).toEqual({
      written: false,
      previous: { requestHash: 'h', statusCode: 200, response: '{"batchId":"b1"}' },
    });
    expect((await store.page('R', '', 10)).map((r) => r.record_key)).toEqual(['{"k":1}']);
    expect(await store.changesAfter('R', 0, 10)).toHaveLength(1);
  });

  it('filters on a value as text: numbers and strings alike, booleans as 1 and 0, null never', async () => {
    const store = await open();
    const records = [
      '{"k":1,"n":12}',
      '{"k":2,"n":"12"}',
      '{"k":3,"n":12.5}',
      '{"b":true,"k":4}',
      '{"b":false,"k":5}',
      '{"k":6,"o":{"a":[1,"x"]}}',
      '{"k":7,"n":null}',
      '{"k":8,"n":1e+21}',
      '{"k":9,"n":-0.000015}',
      '{"k":10,"n":" 12"}',
    ];
    await store.writeBatch(
      'R',
      records.map((data, i) => ({ key: `{"k":${i + 1}}`, data })),
      [],
      batchRow('b1'),
    );
    const keysWhere = async (filters: Array<[string, string]>, after = '') =>
      (await store.filteredPage('R', filters, after, 100)).map((r) => r.record_key);
    expect(await keysWhere([['n', '12']])).toEqual(['{"k":1}', '{"k":2}']);
    expect(await keysWhere([['n', '12']], '{"k":1}')).toEqual(['{"k":2}']);
    expect(await keysWhere([['n', '12.5']])).toEqual(['{"k":3}']);
    expect(await keysWhere([['n', '1.0e+21']])).toEqual(['{"k":8}']);
    expect(await keysWhere([['n', '1e+21']])).toEqual([]);
    expect(await keysWhere([['n', '-1.5e-05']])).toEqual(['{"k":9}']);
    expect(await keysWhere([['b', '1']])).toEqual(['{"k":4}']);
    expect(await keysWhere([['b', '0']])).toEqual(['{"k":5}']);
    expect(await keysWhere([['b', 'true']])).toEqual([]);
    expect(await keysWhere([['o', '{"a":[1,"x"]}']])).toEqual(['{"k":6}']);
    expect(await keysWhere([['n', 'null']])).toEqual([]);
    expect(await keysWhere([['n', '']])).toEqual([]);
    expect(await keysWhere([['n', ' 12']])).toEqual(['{"k":10}']);
    expect(await keysWhere([['absent', '12']])).toEqual([]);
    expect(
      await keysWhere([
        ['n', '12'],
        ['k', '2'],
      ]),
    ).toEqual(['{"k":2}']);
  });

  it('pages records in the byte order of their keys', async () => {
    const store = await open();
    const keys = ['{"k":"b"}', '{"k":"B"}', '{"k":"é"}', '{"k":"~"}', '{"k":"a"}', '{"k":"张"}', '{"k":"Z"}'];
    await store.writeBatch(
      'R',
      keys.map((key) => ({ key, data: key })),
      [],
      batchRow('b1'),
    );
    const inByteOrder = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect((await store.page('R', '', 100)).map((r) => r.record_key)).toEqual(inByteOrder);
    expect((await store.page('R', '{"k":"a"}', 2)).map((r) => r.record_key)).toEqual(inByteOrder.slice(3, 5));
    expect(await store.page('other', '', 100)).toEqual([]);
  });

  it('deletes after the upserts of the same batch, and tombstones a key once', async () => {
    const store = await open();
    await store.writeBatch('R', [{ key: '{"k":1}', data: '{"k":1}' }], [], batchRow('b1'));
    await store.writeBatch(
      'R',
      [
        { key: '{"k":2}', data: '{"k":2}' },
        { key: '{"k":3}', data: '{"k":3}' },
      ],
      [{ key: '{"k":3}' }, { key: '{"k":9}' }, { key: '{"k":1}' }, { key: '{"k":3}' }],
      batchRow('b2'),
    );
    const changes = await store.changesAfter('R', 0, 100);
    expect(changes.map((c) => [c.seq, c.op, c.record_key, c.data])).toEqual([
      [1, 'upsert', '{"k":1}', '{"k":1}'],
      [2, 'upsert', '{"k":2}', '{"k":2}'],
      [3, 'upsert', '{"k":3}', '{"k":3}'],
      [4, 'delete', '{"k":3}', null],
      [5, 'delete', '{"k":1}', null],
    ]);
    expect(changes[0]?.at).toBe('2026-11-26T08:00:00.000Z');
    expect((await store.page('R', '', 10)).map((r) => r.record_key)).toEqual(['{"k":2}']);
    expect((await store.changesAfter('R', 2, 2)).map((c) => c.seq)).toEqual([3, 4]);
    expect(await store.changesAfter('R', 5, 10)).toEqual([]);
    expect(await store.changesAfter('other', 0, 10)).toEqual([]);
  });

  it('stores a batch that accepted nothing, and finds no batch under an unknown key', async () => {
    const store = await open();
    expect(await store.writeBatch('R', [], [], { ...batchRow('b1'), statusCode: 200 })).toEqual({
      written: true,
    });
    expect(await store.findBatch('gongan', 'b1')).toEqual({
      requestHash: 'h',
      statusCode: 200,
      response: '{"batchId":"b1"}',
    });
    expect(await store.findBatch('gongan', 'nope')).toBeUndefined();
    expect(await store.findBatch('other', 'b1')).toBeUndefined();
    expect(await store.changesAfter('R', 0, 10)).toEqual([]);
  });
});

describe('record store on SQLite: the lagging key index', () => {
  const indexed = (db: ReturnType<typeof openDatabase>) =>
    (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  const upsertsOf = (from: number, count: number, version = 1) =>
    Array.from({ length: count }, (_, i) => ({
      key: `{"k":${from + i}}`,
      data: `{"k":${from + i},"v":${version}}`,
    }));

  it('lets the key index lag the feed by a group of upserts, and settles it before anything reads it', async () => {
    const db = openDatabase({ memory: true });
    const store = createRecordStore(db, { indexGroup: 1_000_000, indexIdleMs: 0 });
    await store.writeBatch('R', upsertsOf(0, 300), [], batchRow('b1'));
    await store.writeBatch('R', upsertsOf(100, 100, 2), [], batchRow('b2'));
    expect(indexed(db)).toBe(0);
    const rows = await store.page('R', '', 1000);
    expect(indexed(db)).toBe(300);
    expect(rows).toHaveLength(300);
    // The later batch wins for the keys both carried.
    expect(rows.find((r) => r.record_key === '{"k":150}')?.data).toBe('{"k":150,"v":2}');
    expect(rows.find((r) => r.record_key === '{"k":250}')?.data).toBe('{"k":250,"v":1}');
  });

  it('deletes a key whose upsert the index has not taken yet, with its tombstone', async () => {
    const db = openDatabase({ memory: true });
    const store = createRecordStore(db, { indexGroup: 1_000_000, indexIdleMs: 0 });
    await store.writeBatch('R', upsertsOf(0, 10), [], batchRow('b1'));
    await store.writeBatch('R', [], [{ key: '{"k":3}' }, { key: '{"k":42}' }], batchRow('b2'));
    expect(await store.changesAfter('R', 10, 10)).toMatchObject([{ op: 'delete', record_key: '{"k":3}' }]);
    expect(await store.page('R', '', 100)).toHaveLength(9);
  });

  it('takes a full group on the next turn of the event loop', async () => {
    const db = openDatabase({ memory: true });
    const store = createRecordStore(db, { indexGroup: 250, indexIdleMs: 0 });
    await store.writeBatch('R', upsertsOf(0, 200), [], batchRow('b1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(indexed(db)).toBe(0);
    await store.writeBatch('R', upsertsOf(200, 100), [], batchRow('b2'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(indexed(db)).toBe(300);
  });

  it('replays from the feed what the index missed when the process stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unsilo-record-store-'));
    try {
      const dataFile = join(dir, 'exchange.db');
      const before = openDatabase({ dataFile });
      const store = createRecordStore(before, { indexGroup: 1_000_000, indexIdleMs: 0 });
      await store.writeBatch('R', upsertsOf(0, 120), [], batchRow('b1'));
      await store.writeBatch('R', upsertsOf(0, 5, 2), [{ key: '{"k":7}' }], batchRow('b2'));
      await store.writeBatch('R', upsertsOf(120, 30), [], batchRow('b3'));
      expect(indexed(before)).toBe(119);
      before.close(); // as a killed process leaves it: the last batch's upserts are in the feed only

      const after = openDatabase({ dataFile });
      createRecordStore(after, { indexIdleMs: 0 });
      expect(indexed(after)).toBe(149);
      expect(after.prepare("SELECT seq FROM index_state WHERE name = 'records'").pluck().get()).toBe(156);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
