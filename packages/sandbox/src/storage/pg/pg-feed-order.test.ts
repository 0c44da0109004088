import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../../../../../test/helpers/describe-with-postgres';
import { type RunningPostgres, startPostgres } from '../../../../../test/helpers/postgres';
import type { BatchRow } from '../../records/record-store';
import type { BatchWrite, ChangeRow, RecordStore } from '../ports';
import { migratePg } from './migrate';
import { createPgRecordStore } from './pg-records';
import { createPgSyncRunStore } from './pg-sync-runs';
import { createPgPool, type PgPool } from './pool';

function batchRow(id: string, idempotencyKey = id, response = `{"batchId":"${id}"}`): BatchRow {
  return {
    id,
    departmentId: 'gongan',
    idempotencyKey,
    requestHash: 'same-body',
    resourceCode: 'R',
    count: 20,
    accepted: 20,
    rejected: 0,
    statusCode: 200,
    response,
    createdAt: '2026-12-01T08:00:00.000Z',
  };
}

const upserts = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    key: `{"k":"${prefix}-${i}"}`,
    data: `{"k":"${prefix}-${i}"}`,
  }));

describeWithPostgres('the PostgreSQL record store with several instances on one database', () => {
  let cluster: RunningPostgres;
  const pools: PgPool[] = [];
  let databases = 0;

  /** `count` instances (a pool each) on a fresh, migrated database. */
  async function instancePools(count: number): Promise<PgPool[]> {
    databases += 1;
    const url = cluster.createDatabase(`feed_${databases}`);
    const opened = Array.from({ length: count }, () => createPgPool(url, 4));
    pools.push(...opened);
    await migratePg(opened[0]!);
    return opened;
  }
  const instances = async (count: number): Promise<RecordStore[]> =>
    (await instancePools(count)).map((pool) => createPgRecordStore(pool));

  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    cluster?.stop();
  });

  it('lets a follower of the change feed see every change exactly once, in order, while 8 instances write', async () => {
    const stores = await instances(9);
    const follower = stores.pop()!;
    const [writersCount, batches, perBatch] = [8, 50, 20];
    let writing = true;
    const writers = stores.map(async (store, w) => {
      for (let b = 0; b < batches; b += 1) {
        await sleep(Math.floor(Math.random() * 3));
        await store.writeBatch('R', upserts(`${w}-${b}`, perBatch), [], batchRow(`w${w}-b${b}`));
      }
    });
    const seen: ChangeRow[] = [];
    let cursor = 0;
    const follow = async () => {
      for (;;) {
        const page = await follower.changesAfter('R', cursor, 150);
        if (page.length === 0) return;
        seen.push(...page);
        cursor = page.at(-1)!.seq;
      }
    };
    const following = (async () => {
      while (writing) {
        await follow();
        await sleep(1);
      }
    })();
    await Promise.all(writers);
    writing = false;
    await following;
    await follow(); // once more after the last commit

    const seqs = seen.map((change) => change.seq);
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
    const all = await follower.changesAfter('R', 0, 1_000_000);
    expect(all).toHaveLength(writersCount * batches * perBatch);
    // Exactly once: what the follower saw is the whole feed, nothing skipped, nothing twice.
    expect(seqs).toEqual(all.map((change) => change.seq));
    expect(new Set(seen.map((change) => change.record_key)).size).toBe(writersCount * batches * perBatch);
    expect(await follower.page('R', '', 1_000_000)).toHaveLength(writersCount * batches * perBatch);
  });

  it('writes a batch once when instances race on its idempotency key, and answers the others with it', async () => {
    const stores = await instances(4);
    for (let round = 0; round < 10; round += 1) {
      const key = `key-${round}`;
      // Each instance built its own answer (its own batch id) for the same body.
      const writes: BatchWrite[] = await Promise.all(
        stores.map((store, i) =>
          store.writeBatch('R', upserts(`r${round}`, 20), [], batchRow(`b${round}-${i}`, key)),
        ),
      );
      const winners = writes.flatMap((write, i) => (write.written ? [i] : []));
      expect(winners).toHaveLength(1);
      const stored = await stores[0]!.findBatch('gongan', key);
      expect(stored).toEqual({
        requestHash: 'same-body',
        statusCode: 200,
        response: `{"batchId":"b${round}-${winners[0]}"}`,
      });
      for (const write of writes) if (!write.written) expect(write.previous).toEqual(stored);
    }
    const changes = await stores[0]!.changesAfter('R', 0, 10_000);
    expect(changes).toHaveLength(10 * 20);
    expect(new Set(changes.map((change) => change.record_key)).size).toBe(10 * 20);
  });

  it('writes a batch of 5,000 upserts in one go, and pages it back in key order', async () => {
    const [store] = await instances(1);
    const many = upserts('big', 5_000);
    expect(await store!.writeBatch('R', many, [], batchRow('big'))).toEqual({ written: true });
    const rows = await store!.page('R', '', 10_000);
    expect(rows).toHaveLength(5_000);
    expect(rows.map((row) => row.record_key)).toEqual(many.map((u) => u.key).sort());
  });

  it('keeps one row when two instances report the same sync run at once; one of them replaced it', async () => {
    const opened = await instancePools(2);
    await opened[0]!.query(
      `INSERT INTO departments (id, name, code, roles, created_at) VALUES ('d', 'd', 'd', '[]', 'now');
       INSERT INTO resources (code, provider_id, provider_code, name, status, share_type, update_cycle, entry,
         version, created_at, updated_at) VALUES ('R', 'd', 'R', 'R', 'published', 'open', 'daily', '{}', 1, 'now', 'now')`,
    );
    const stores = opened.map((pool) => createPgSyncRunStore(pool));
    const report = (rowsRead: number) => ({
      runId: 'run-1',
      rowsRead,
      accepted: rowsRead,
      refusedLocally: { total: 0, byReason: {} },
    });
    const saved = await Promise.all(stores.map((store, i) => store.save('R', 'd', report(10 + i), 'now')));
    expect(saved.map((s) => s.replaced).sort()).toEqual([false, true]);
    expect(saved[0]!.run.id).toBe(saved[1]!.run.id);
    const { rows } = await opened[0]!.query('SELECT id, rows_read FROM sync_runs');
    expect(rows).toHaveLength(1);
    expect([10, 11]).toContain(rows[0].rows_read);
  });
});
