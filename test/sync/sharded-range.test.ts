import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { type KeysetPage, type KeysetShardRange, keysetRows, planKeysetShards } from '@unsilo/sdk/sources';
import { createClientPusher, type SyncMapping, type SyncResult, sync } from '@unsilo/sdk/sync';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappingForSync } from '../../examples/shared/exchange-mapping';
import { createDemoTable } from '../../examples/sql-keyset/demo-table';
import { exchangeCounts, RESOURCE, sandboxWithPopulation } from './support';

const ROWS = 3_000;
const SHARDS = 3;
const mappingFile = new URL('../../examples/sql-keyset/person.mapping.yaml', import.meta.url);

type Row = Record<string, unknown> & { sfzh: string };

/** A table of ROWS people keyed by their ID card number (text, compared in bytes: SQLite's BINARY). */
function personTable(): Database.Database {
  const db = new Database(':memory:');
  createDemoTable(db, ROWS);
  db.exec('CREATE UNIQUE INDEX relief_person_sfzh ON relief_person(sfzh)');
  return db;
}

/** The page query of a worker, which notes every key it returns. */
function countedQuery(db: Database.Database, read: string[]) {
  return ({ where, orderBy, params, limit }: KeysetPage) => {
    const rows = db
      .prepare<unknown[], Row>(
        `SELECT id, sfzh, xm, xb, csrq, mz, hjdq, jzlb, updated_at FROM relief_person
          WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`,
      )
      .all(...params);
    read.push(...rows.map((row) => row.sfzh));
    return rows;
  };
}

/** One worker: reads only its range of the plan and syncs it as that shard. */
function syncRange(
  db: Database.Database,
  run: { mapping: SyncMapping; client: ExchangeClient; range: KeysetShardRange; read: string[] },
  extra: { mode?: 'snapshot'; checkpoint: string; state?: string },
): Promise<SyncResult> {
  const { mapping, client, range, read } = run;
  const { from, before } = range;
  return sync({
    mapping,
    source: keysetRows<Row>({ key: ['sfzh'], pageSize: 400, from, before, query: countedQuery(db, read) }),
    push: createClientPusher(client),
    shard: {
      index: range.index,
      count: SHARDS,
      range: { key: mapping.key, from, before },
    },
    ...extra,
  });
}

/** The plan an operator computes once, as the workers receive it: JSON. */
async function planOnce(db: Database.Database): Promise<KeysetShardRange[]> {
  const keysOnly = ({ where, orderBy, params, limit }: KeysetPage) =>
    db
      .prepare(`SELECT sfzh FROM relief_person WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`)
      .all(...params) as Row[];
  const plan = await planKeysetShards({ query: keysOnly, key: ['sfzh'], count: SHARDS, pageSize: 700 });
  return JSON.parse(JSON.stringify(plan)) as KeysetShardRange[];
}

async function exchangeKeys(client: ExchangeClient): Promise<string[]> {
  const records = await client.records.query(RESOURCE, { limit: 1000 } as never).toArray();
  return records.map((record) => (record as { gmsfhm: string }).gmsfhm).sort();
}

const tableKeys = (db: Database.Database) =>
  db.prepare('SELECT sfzh FROM relief_person ORDER BY sfzh').pluck().all() as string[];

describe('sync by key range: each worker reads only its range of a SQL table', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;
  let mapping: SyncMapping;
  const db = personTable();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-shard-range-'));
    ({ sandbox, client } = await sandboxWithPopulation());
    mapping = await mappingForSync(mappingFile, client);
  });
  afterAll(async () => {
    db.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('three workers of one plan read the table once between them and leave exactly its records', async () => {
    const plan = await planOnce(db);
    const keys = tableKeys(db);
    expect(plan).toEqual([
      { index: 1, before: [keys[1000]] },
      { index: 2, from: [keys[1000]], before: [keys[2000]] },
      { index: 3, from: [keys[2000]] },
    ]);
    const reads = plan.map(() => [] as string[]);
    const results = await Promise.all(
      plan.map((range, i) =>
        syncRange(
          db,
          { mapping, client, range, read: reads[i]! },
          { checkpoint: join(dir, `full-${i + 1}.json`) },
        ),
      ),
    );
    // Each worker read its own rows only: a third each, none read twice, together the whole table.
    expect(reads.map((read) => read.length)).toEqual([1000, 1000, 1000]);
    expect(reads.flat().sort()).toEqual(keys);
    expect(reads[1]![0]).toBe(keys[1000]);
    expect(reads[1]!.at(-1)).toBe(keys[1999]);
    expect(results.map((r) => [r.read, r.accepted, r.rejected, r.outOfShard])).toEqual(
      plan.map(() => [1000, 1000, 0, 0]),
    );
    expect(results[1]!.shard).toEqual({
      index: 2,
      count: SHARDS,
      range: { key: ['gmsfhm'], from: [keys[1000]], before: [keys[2000]] },
    });
    expect(exchangeCounts(sandbox)).toMatchObject({ records: ROWS, upserts: ROWS, deletes: 0 });
    expect(await exchangeKeys(client)).toEqual(keys);
  }, 180_000);
});

describe('sync --mode snapshot by key range', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;
  let mapping: SyncMapping;
  const db = personTable();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-shard-range-snapshot-'));
    ({ sandbox, client } = await sandboxWithPopulation());
    mapping = await mappingForSync(mappingFile, client);
  });
  afterAll(async () => {
    db.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a shard deletes exactly the rows gone from its range, never a key of another range', async () => {
    const plan = await planOnce(db);
    const snapshot = (i: number, read: string[] = [], state?: string) =>
      syncRange(
        db,
        { mapping, client, range: plan[i]!, read },
        { mode: 'snapshot', checkpoint: join(dir, `snapshot-${i + 1}.json`), ...(state ? { state } : {}) },
      );
    await Promise.all(plan.map((_, i) => snapshot(i)));
    expect(exchangeCounts(sandbox).records).toBe(ROWS);
    // A state of every key (an unsharded snapshot's; its rows are resent once, having no state yet): only the range keeps shard 2 off the
    // keys of the other ranges, which it does not read.
    const wholeState = join(dir, 'whole.state');
    const whole = await sync({
      mapping,
      source: keysetRows<Row>({ key: ['sfzh'], query: countedQuery(db, []) }),
      push: createClientPusher(client),
      mode: 'snapshot',
      checkpoint: join(dir, 'whole.json'),
      state: wholeState,
    });
    expect(whole).toMatchObject({ read: ROWS, rejected: 0, deleted: 0 });

    // Rows at and around both ends of range 2 vanish, and rows of ranges 1 and 3 too.
    const keys = tableKeys(db);
    const own = [keys[1000]!, keys[1001]!, keys[1500]!, keys[1999]!];
    const others = [keys[0]!, keys[999]!, keys[2000]!, keys[2999]!];
    const remove = db.prepare('DELETE FROM relief_person WHERE sfzh = ?');
    for (const key of [...own, ...others]) remove.run(key);

    const read: string[] = [];
    const second = await snapshot(1, read, wholeState);
    expect(read).toHaveLength(1000 - own.length);
    expect(second).toMatchObject({
      read: 996,
      deleted: own.length,
      accepted: 0,
      unchanged: 996,
      outOfShard: 0,
    });
    const deleted: string[] = [];
    for await (const change of client.records.changes(RESOURCE, { limit: 1000 } as never)) {
      const item = change as unknown as { op: string; key: { gmsfhm: string } };
      if (item.op === 'delete') deleted.push(item.key.gmsfhm);
    }
    expect(deleted.sort()).toEqual([...own].sort());
    const left = new Set(await exchangeKeys(client));
    expect(others.every((key) => left.has(key))).toBe(true);
    expect(left.size).toBe(ROWS - own.length);
  }, 180_000);
});
