import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint';
import { defaultCheckpointPath } from './checkpoint-path';
import { SyncError } from './errors';
import { ownsKey, parseShard, shardOfKey } from './shard';
import { SnapshotState } from './snapshot-state';
import { sync } from './sync';
import { mapping, memoryExchange, people, rowsOf } from './test-support/memory-exchange';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-shard-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keys = Array.from({ length: 10_000 }, (_, i) =>
  JSON.stringify([`33010219900101${String(i).padStart(4, '0')}`]),
);

describe('the shard of a key', () => {
  it('is the first 8 bytes of SHA-256 of the canonical key modulo n: the same on every machine and release', () => {
    expect([shardOfKey('[1]', 2), shardOfKey('[1]', 3), shardOfKey('[1]', 1024)]).toEqual([1, 3, 759]);
    expect(shardOfKey('["110101199003070011"]', 3)).toBe(3);
    expect(shardOfKey('["a","b"]', 1024)).toBe(172);
    expect(keys.map((key) => shardOfKey(key, 7))).toEqual(keys.map((key) => shardOfKey(key, 7)));
  });

  it('splits a set of keys into disjoint shards whose union is the whole, each a fair share', () => {
    const count = 3;
    const shards = [1, 2, 3].map((index) => keys.filter((key) => ownsKey(key, { index, count })));
    const union = shards.flat();
    expect(union).toHaveLength(keys.length);
    expect(new Set(union)).toEqual(new Set(keys));
    for (const shard of shards) {
      expect(shard.length).toBeGreaterThan(keys.length * 0.3);
      expect(shard.length).toBeLessThan(keys.length * 0.37);
    }
  });

  it('reads i/n and refuses anything outside 1 ≤ i ≤ n ≤ 1024, in Chinese and English', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1024 ')).toEqual({ index: 1, count: 1024 });
    for (const bad of ['0/3', '4/3', '1/1025', '1/0', 'a/b', '2', '1.5/3', '-1/3']) {
      const error = (() => {
        try {
          parseShard(bad);
        } catch (caught) {
          return caught as SyncError;
        }
      })();
      expect(error, bad).toBeInstanceOf(SyncError);
      expect(error?.code).toBe('sync.invalid_options');
      expect(error?.zh).toContain('分片须写作 i/n');
    }
  });

  it('names each shard its own default checkpoint', () => {
    expect(defaultCheckpointPath('/w', '307002010101/000001', 'snapshot', { index: 2, count: 3 })).toBe(
      '/w/.unsilo/sync/307002010101-000001.snapshot.shard-2-of-3.json',
    );
    expect(defaultCheckpointPath('/w', '307002010101/000001', 'snapshot')).toBe(
      '/w/.unsilo/sync/307002010101-000001.snapshot.json',
    );
  });

  it('keeps only its own keys of a snapshot state', () => {
    const state = new SnapshotState('r', new Map(keys.slice(0, 600).map((key) => [key, 'h'])));
    state.keepShard({ index: 2, count: 3 });
    const kept = [...state.hashes.keys()];
    expect(kept).toEqual(keys.slice(0, 600).filter((key) => shardOfKey(key, 3) === 2));
    expect(kept.length).toBeGreaterThan(150);
  });
});

describe('a sharded sync', () => {
  it('sends each key from exactly one shard; rows without a key are shard 1’s; read = sent + refused + out of shard', async () => {
    const rows = people(1_000, (i) => (i % 97 === 0 ? { name: '' } : {}));
    const whole = memoryExchange();
    const unsharded = await sync({ mapping, source: rowsOf(rows), push: whole.push, batchSize: 50 });
    const parts = [1, 2, 3].map(() => memoryExchange());
    const results = await Promise.all(
      parts.map((part, i) =>
        sync({
          mapping,
          source: rowsOf(rows),
          push: part.push,
          batchSize: 50,
          shard: { index: i + 1, count: 3 },
          checkpoint: join(dir, `cp-${i + 1}.json`),
        }),
      ),
    );
    const ids = parts.flatMap((part) => [...part.records.keys()]);
    expect(ids).toHaveLength(unsharded.accepted);
    expect(new Set(ids)).toEqual(new Set(whole.records.keys()));
    for (const result of results) {
      expect(result.read).toBe(1_000);
      expect(result.read).toBe(result.accepted + result.rejected + result.outOfShard);
      // Rows of other shards take no room in a batch.
      expect(result.batches).toBe(Math.ceil((result.read - result.outOfShard) / 50));
    }
    expect(results.map((r) => r.rejected)).toEqual([10, 0, 0]);
    expect(results[1]!.shard).toEqual({ index: 2, count: 3 });
    expect((await loadCheckpoint(join(dir, 'cp-2.json')))?.shard).toEqual({ index: 2, count: 3 });
  });

  it('refuses a checkpoint written for another shard layout, sending nothing', async () => {
    const checkpoint = join(dir, 'cp.json');
    const exchange = memoryExchange();
    const run = (shard?: { index: number; count: number }) =>
      sync({
        mapping,
        source: rowsOf(people(20)),
        push: exchange.push,
        checkpoint,
        ...(shard ? { shard } : {}),
      });
    await run({ index: 1, count: 2 });
    const sent = exchange.applied.length;
    for (const other of [{ index: 1, count: 3 }, { index: 2, count: 2 }, undefined]) {
      const error = await run(other).catch((caught: unknown) => caught as SyncError);
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).code).toBe('sync.shard_mismatch');
      expect((error as SyncError).zh).toContain('每个分片各有检查点');
    }
    expect(exchange.applied.length).toBe(sent);
  });
});
