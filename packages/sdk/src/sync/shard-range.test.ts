import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint';
import { SyncError } from './errors';
import { checkedShard, compareKeys, inRange, type SyncShard, sameShard } from './shard';
import { SnapshotState } from './snapshot-state';
import { sync } from './sync';
import { mapping, memoryExchange, people, rowsOf } from './test-support/memory-exchange';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-shard-range-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function refusal(run: () => unknown): SyncError {
  try {
    run();
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the order of record keys against a range', () => {
  it('compares numbers by value and text by UTF-8 bytes, element by element', () => {
    expect(compareKeys([2], [10])).toBeLessThan(0);
    expect(compareKeys(['10'], ['2'])).toBeLessThan(0);
    expect(compareKeys(['a', 2], ['a', 10])).toBeLessThan(0);
    expect(compareKeys(['b', 1], ['a', 9])).toBeGreaterThan(0);
    expect(compareKeys(['x', 1], ['x', 1])).toBe(0);
    // U+FF5E sorts before U+1F600 in bytes (EF BD 9E < F0 9F 98 80), after it in UTF-16 units.
    expect(compareKeys(['～'], ['😀'])).toBeLessThan(0);
    expect('～' < '😀').toBe(false);
    expect(compareKeys(['Z'], ['a'])).toBeLessThan(0);
  });

  it('places a key in [from, before): from included, before excluded', () => {
    const range = { key: ['id'], from: [100], before: [200] };
    expect([99, 100, 150, 199, 200].map((id) => inRange(JSON.stringify([id]), range))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(inRange('[5]', { key: ['id'], before: [200] })).toBe(true);
    expect(inRange('[500]', { key: ['id'], from: [200] })).toBe(true);
  });

  it('refuses a key it cannot compare exactly with the bounds instead of guessing its shard', () => {
    const error = refusal(() => inRange('["150"]', { key: ['id'], from: [100] }));
    expect(error.code).toBe('sync.invalid_options');
    expect(error.zh).toContain('文本对文本');
  });
});

describe('a shard with a key range', () => {
  it('is checked: bounds of one text or number per key field, from before before', () => {
    const shard = (range: unknown) => () => checkedShard({ index: 1, count: 2, range } as SyncShard);
    expect(checkedShard({ index: 1, count: 2, range: { key: ['id'], before: [5] } })).toEqual({
      index: 1,
      count: 2,
      range: { key: ['id'], before: [5] },
    });
    expect(refusal(shard({ key: [] })).message).toBe('shard range: its key must name the record key fields');
    expect(refusal(shard({ key: ['id'], from: [1, 2] })).message).toMatch(
      /from and before must give 1 values/,
    );
    expect(refusal(shard({ key: ['id'], from: [null] })).code).toBe('sync.invalid_options');
    expect(refusal(shard({ key: ['id'], from: [5], before: [5] })).zh).toBe(
      '分片键范围：from 须在 before 之前',
    );
  });

  it('is another shard than the same index by hash, or with another range', () => {
    const a = { index: 1, count: 2, range: { key: ['id'], before: [5] } };
    expect(sameShard(a, { index: 1, count: 2, range: { key: ['id'], before: [5] } })).toBe(true);
    expect(sameShard(a, { index: 1, count: 2, range: { key: ['id'], before: [6] } })).toBe(false);
    expect(sameShard(a, { index: 1, count: 2 })).toBe(false);
  });

  it('keeps the snapshot keys in its range only', () => {
    const state = new SnapshotState('r', new Map(people(300).map((p) => [JSON.stringify([p.id]), 'h'])));
    state.keepShard({ index: 2, count: 3, range: { key: ['id'], from: [101], before: [201] } });
    expect([...state.hashes.keys()]).toEqual(
      people(300)
        .slice(100, 200)
        .map((p) => `[${p.id}]`),
    );
  });
});

describe('a sync of key-range shards', () => {
  const ranges = [{ before: [335] }, { from: [335], before: [668] }, { from: [668] }];
  const shardOf = (i: number): SyncShard => ({
    index: i + 1,
    count: 3,
    range: { key: ['id'], ...ranges[i]! },
  });
  /** What a range reader gives: only the rows of the range. */
  const rowsIn = (rows: Array<{ id: number }>, i: number) =>
    rows.filter((row) => inRange(JSON.stringify([row.id]), shardOf(i).range!));

  it('keeps every row it is given (none out of shard), and records the range in the checkpoint', async () => {
    const rows = people(1_000, (i) => (i % 97 === 0 ? { name: '' } : {}));
    const parts = [0, 1, 2].map(() => memoryExchange());
    const results = await Promise.all(
      parts.map((part, i) =>
        sync({
          mapping,
          source: rowsOf(rowsIn(rows, i)),
          push: part.push,
          batchSize: 50,
          shard: shardOf(i),
          checkpoint: join(dir, `cp-${i + 1}.json`),
        }),
      ),
    );
    expect(results.map((r) => [r.read, r.outOfShard])).toEqual([
      [334, 0],
      [333, 0],
      [333, 0],
    ]);
    expect(results.map((r) => r.rejected)).toEqual([3, 3, 4]);
    const ids = parts.flatMap((part) => [...part.records.keys()]);
    expect(ids).toHaveLength(1_000 - 10);
    expect((await loadCheckpoint(join(dir, 'cp-2.json')))?.shard).toEqual(shardOf(1));
    // A checkpoint whose range was damaged is refused, not read as another layout.
    const text = await readFile(join(dir, 'cp-2.json'), 'utf8');
    await writeFile(join(dir, 'bad.json'), text.replace('"key": [\n        "id"\n      ]', '"key": []'));
    const damaged = await loadCheckpoint(join(dir, 'bad.json')).catch(
      (caught: unknown) => caught as SyncError,
    );
    expect((damaged as SyncError).code).toBe('sync.checkpoint_invalid');
    expect((damaged as SyncError).message).toContain('"shard" is missing or invalid');

    const other = { ...shardOf(1), range: { key: ['id'], from: [336], before: [668] } };
    const error = await sync({
      mapping,
      source: rowsOf(rowsIn(rows, 1)),
      push: parts[1]!.push,
      shard: other,
      checkpoint: join(dir, 'cp-2.json'),
    }).catch((caught: unknown) => caught as SyncError);
    expect((error as SyncError).code).toBe('sync.shard_mismatch');
    expect((error as SyncError).message).toContain('shard 2/3 [[335], [668])');
  });

  it('deletes in snapshot mode only the vanished keys of its own range', async () => {
    const exchange = memoryExchange();
    const state = join(dir, 'whole.state');
    const rows = people(1_000);
    // An unsharded run leaves a state of every key: the range alone must keep shard 2 off the others'.
    await sync({
      mapping,
      mode: 'snapshot',
      source: rowsOf(rows),
      push: exchange.push,
      state,
      checkpoint: join(dir, 'whole.json'),
    });
    expect(exchange.records.size).toBe(1_000);
    const gone = new Set([10, 334, 335, 400, 667, 668, 900]);
    const second = await sync({
      mapping,
      mode: 'snapshot',
      source: rowsOf(
        rowsIn(
          rows.filter((row) => !gone.has(row.id)),
          1,
        ),
      ),
      push: exchange.push,
      shard: shardOf(1),
      checkpoint: join(dir, 'snap-2.json'),
      state,
    });
    expect(second).toMatchObject({ deleted: 3, accepted: 0, unchanged: 330, outOfShard: 0 });
    expect([...gone].filter((id) => !exchange.records.has(String(id)))).toEqual([335, 400, 667]);
  });

  it('refuses a range over other fields than the record key, or over file rows', async () => {
    const exchange = memoryExchange();
    const run = (extra: object) =>
      sync({ mapping, push: exchange.push, source: rowsOf(people(3)), ...extra }).catch(
        (caught: unknown) => caught as SyncError,
      );
    const other = (await run({
      shard: { index: 1, count: 2, range: { key: ['name'], before: ['x'] } },
    })) as SyncError;
    expect(other.code).toBe('sync.invalid_options');
    expect(other.message).toMatch(/^a shard's key range must be over the mapping's record key \(id\)/);
    expect(other.zh).toContain('无法判断哪些记录主键');
    const rows = (await sync({
      mapping,
      push: exchange.push,
      rows: (async function* () {})(),
      shard: shardOf(0),
    }).catch((caught: unknown) => caught)) as SyncError;
    expect(rows.code).toBe('sync.invalid_options');
    expect(exchange.applied).toHaveLength(0);
  });
});
