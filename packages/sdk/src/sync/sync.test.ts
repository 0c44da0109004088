import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint';
import { type SyncMapping, sync } from './sync';
import { map, mapping, memoryExchange, people, rowsOf } from './test-support/memory-exchange';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sync', () => {
  it('sends every row once, in batches, with bounded concurrency, and reconciles the summary', async () => {
    const exchange = memoryExchange();
    const rows = people(2_345, (i) => (i % 100 === 0 ? { name: '' } : i % 250 === 0 ? { bad: true } : {}));
    const result = await sync({
      mapping,
      source: rowsOf(rows),
      push: exchange.push,
      batchSize: 100,
      concurrency: 3,
      checkpoint: join(dir, 'cp.json'),
    });
    expect(result).toMatchObject({
      read: 2_345,
      rejected: 23 + 5,
      unchanged: 0,
      batches: 24,
      completed: true,
    });
    expect(result.accepted).toBe(2_345 - 28);
    expect(result.read).toBe(result.accepted + result.rejected + result.unchanged);
    expect(exchange.records.size).toBe(result.accepted);
    expect(exchange.maxInFlight).toBeLessThanOrEqual(3);
    expect(exchange.maxInFlight).toBeGreaterThan(1);

    const rejects = (await readFile(join(dir, 'cp.rejects.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toHaveLength(28);
    expect(rejects.map((r) => r.row)).toEqual([...rejects.map((r) => r.row)].sort((a, b) => a - b));
    expect(rejects[0]).toMatchObject({
      row: 100,
      errors: [{ field: 'name', rule: 'required' }],
      source: { id: '100' },
    });
    expect(rejects.find((r) => r.row === 250)).toMatchObject({ stage: 'server', source: { bad: 'true' } });

    const receipts = (await readFile(join(dir, 'cp.receipts.ndjson'), 'utf8')).trim().split('\n');
    expect(receipts).toHaveLength(24);
    const checkpoint = await loadCheckpoint(join(dir, 'cp.json'));
    expect(checkpoint?.run).toMatchObject({ completed: true, position: 2_345, nextBatch: 24 });
    expect(checkpoint?.generation).toBe(checkpoint?.run?.id);
  });

  it('resumes after a failure from the contiguous prefix and replays instead of duplicating', async () => {
    const exchange = memoryExchange();
    const rows = people(1_000);
    exchange.failWhen((request) => request.index === 6);
    await expect(
      sync({
        mapping,
        source: rowsOf(rows),
        push: exchange.push,
        batchSize: 50,
        concurrency: 4,
        checkpoint: join(dir, 'cp.json'),
      }),
    ).rejects.toThrow(/batch 6/);
    const stopped = await loadCheckpoint(join(dir, 'cp.json'));
    expect(stopped?.run?.completed).toBe(false);
    expect(stopped?.run?.position).toBe(300);
    const sentBefore = exchange.applied.length;
    expect(sentBefore).toBeGreaterThanOrEqual(6);

    exchange.failWhen(undefined);
    const result = await sync({
      mapping,
      source: rowsOf(rows),
      push: exchange.push,
      batchSize: 50,
      concurrency: 4,
      checkpoint: join(dir, 'cp.json'),
      resume: true,
    });
    expect(result).toMatchObject({
      resumed: true,
      completed: true,
      read: 1_000,
      accepted: 1_000,
      batches: 20,
    });
    expect(exchange.records.size).toBe(1_000);
    // Each batch applied exactly once: batches in flight at the failure were replayed, not re-applied.
    const indexes = exchange.applied.map((r) => r.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const receipts = (await readFile(join(dir, 'cp.receipts.ndjson'), 'utf8')).trim().split('\n');
    expect(receipts.map((l) => JSON.parse(l).batch)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('stops after the batches in flight when asked, leaving a resumable checkpoint', async () => {
    const exchange = memoryExchange();
    const stop = new AbortController();
    const rows = people(5_000);
    async function* slow() {
      for (const row of rows) {
        if (row.id === 1_234) stop.abort();
        yield row;
      }
    }
    const first = await sync({
      mapping,
      source: slow(),
      push: exchange.push,
      batchSize: 100,
      checkpoint: join(dir, 'cp.json'),
      stop: stop.signal,
    });
    expect(first.completed).toBe(false);
    expect(first.read).toBe(first.accepted);
    expect(first.read % 100).toBe(0);
    const second = await sync({
      mapping,
      source: rowsOf(rows),
      push: exchange.push,
      batchSize: 100,
      checkpoint: join(dir, 'cp.json'),
      resume: true,
    });
    expect(second).toMatchObject({ completed: true, read: 5_000, accepted: 5_000 });
    expect(exchange.applied).toHaveLength(50);
  });

  it('refuses to resume over an input that changed since the interrupted run', async () => {
    const exchange = memoryExchange();
    const stop = new AbortController();
    stop.abort();
    const options = { mapping, push: exchange.push, checkpoint: join(dir, 'cp.json') };
    const input = { path: '/data/export.csv', size: 1_000, mtimeMs: 1 };
    await sync({ ...options, source: rowsOf(people(10)), stop: stop.signal, input });
    await expect(
      sync({ ...options, source: rowsOf(people(10)), resume: true, input: { ...input, size: 1_001 } }),
    ).rejects.toMatchObject({ code: 'sync.input_changed' });
    const resumed = await sync({ ...options, source: rowsOf(people(10)), resume: true, input });
    expect(resumed).toMatchObject({ resumed: true, completed: true, accepted: 10 });
  });

  it("applies the first run of a new checkpoint, never replaying an earlier first run's answer", async () => {
    const exchange = memoryExchange();
    const options = { mapping, push: exchange.push, batchSize: 10 };
    const original = people(10);
    await sync({ ...options, source: rowsOf(original), checkpoint: join(dir, 'first.json') });
    const renamed = original.map((row) => ({ ...row, name: `${row.name}-renamed` }));
    await sync({ ...options, source: rowsOf(renamed), checkpoint: join(dir, 'first.json') });
    expect(exchange.records.get('1')?.name).toBe(`${original[0]!.name}-renamed`);

    // Another mode's checkpoint, or one started afresh: the same first batch as the very first run.
    await sync({ ...options, source: rowsOf(original), checkpoint: join(dir, 'second.json') });
    expect(exchange.applied).toHaveLength(3);
    expect(exchange.records.get('1')?.name).toBe(original[0]!.name);
  });

  it('incremental mode skips rows at or below the stored watermark', async () => {
    const exchange = memoryExchange();
    const options = {
      mapping,
      push: exchange.push,
      mode: 'incremental' as const,
      watermark: 'updated',
      checkpoint: join(dir, 'cp.json'),
    };
    const day1 = people(300, (i) => ({ updated: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}` }));
    const first = await sync({ ...options, source: rowsOf(day1) });
    expect(first).toMatchObject({ accepted: 300, unchanged: 0 });
    expect((await loadCheckpoint(join(dir, 'cp.json')))?.watermark).toEqual({
      field: 'updated',
      value: '2024-01-01T00:00:59',
    });
    const day2 = day1.map((r) => (r.id % 10 === 0 ? { ...r, name: 'x', updated: '2024-01-02T00:00:00' } : r));
    const second = await sync({ ...options, source: rowsOf(day2) });
    expect(second).toMatchObject({ read: 300, accepted: 30, unchanged: 270 });
  });

  it('snapshot mode sends changed and new rows and deletes vanished keys, committing state only at the end', async () => {
    const exchange = memoryExchange();
    const options = {
      mapping,
      push: exchange.push,
      mode: 'snapshot' as const,
      batchSize: 64,
      checkpoint: join(dir, 'cp.json'),
    };
    const v1 = people(1_000);
    expect(await sync({ ...options, source: rowsOf(v1) })).toMatchObject({ accepted: 1_000, deleted: 0 });
    const v2 = v1
      .filter((r) => r.id % 200 !== 0)
      .map((r) => (r.id % 100 === 7 ? { ...r, name: `${r.name}!` } : r))
      .concat([{ id: 5_000, name: 'new' }]);
    const second = await sync({ ...options, source: rowsOf(v2) });
    expect(second).toMatchObject({ read: 996, accepted: 11, unchanged: 985, deleted: 5, rejected: 0 });
    expect(exchange.records.size).toBe(996);
    expect(exchange.records.get('7')?.name).toBe('p7!');
    expect(exchange.records.has('200')).toBe(false);
    const third = await sync({ ...options, source: rowsOf(v2) });
    expect(third).toMatchObject({ accepted: 0, unchanged: 996, deleted: 0, batches: 0 });
  });

  it('snapshot mode resumed after a stop remembers the delivered rows exactly as a run without a stop', async () => {
    const exchange = memoryExchange();
    // Keys out of order on purpose: the state must hash records the same way on every path.
    const unsorted: SyncMapping = {
      ...mapping,
      map: (values) => ({ ok: true, record: { name: values.name, id: Number(values.id) } }),
    };
    const options = {
      mapping: unsorted,
      push: exchange.push,
      mode: 'snapshot' as const,
      batchSize: 50,
      checkpoint: join(dir, 'cp.json'),
    };
    const stop = new AbortController();
    async function* stopping() {
      for (const row of people(500)) {
        if (row.id === 230) stop.abort();
        yield row;
      }
    }
    const first = await sync({ ...options, source: stopping(), stop: stop.signal });
    expect(first.completed).toBe(false);
    const resumed = await sync({ ...options, source: rowsOf(people(500)), resume: true });
    expect(resumed).toMatchObject({ completed: true, read: 500, accepted: 500 });
    const again = await sync({ ...options, source: rowsOf(people(500)) });
    expect(again).toMatchObject({ read: 500, accepted: 0, unchanged: 500, deleted: 0 });
  });

  it('snapshot mode withholds deletes while rows without a readable key are rejected', async () => {
    const exchange = memoryExchange();
    const keyless: SyncMapping = {
      ...mapping,
      map: (values) =>
        values.id === ''
          ? { ok: false, errors: [{ field: 'id', rule: 'required', message: 'no id', zh: '缺少 id' }] }
          : map(values, 0),
    };
    const options = {
      mapping: keyless,
      push: exchange.push,
      mode: 'snapshot' as const,
      checkpoint: join(dir, 'cp.json'),
    };
    await sync({ ...options, source: rowsOf(people(10)) });
    const damaged = people(10).map((r) => (r.id === 3 ? { ...r, id: '' } : r));
    const result = await sync({ ...options, source: rowsOf(damaged) });
    expect(result.deleted).toBe(0);
    const file = join(dir, 'cp.held-deletes.ndjson');
    expect(result.heldDeletes).toEqual({
      reason: 'keyless-rejects',
      count: 1,
      keylessRejects: 1,
      known: 10,
      file,
    });
    expect(result.deletesWithheld).toMatch(/^1 deletions held because 1 rejected rows have no readable key/);
    expect(await readFile(file, 'utf8')).toBe('{"id":3}\n');
    expect(exchange.records.has('3')).toBe(true);

    // After review, the held deletes go with allowDeletesWithRejects.
    const allowed = await sync({ ...options, source: rowsOf(damaged), allowDeletesWithRejects: true });
    expect(allowed).toMatchObject({ deleted: 1, rejected: 1 });
    expect(allowed.heldDeletes).toBeUndefined();
    expect(exchange.records.has('3')).toBe(false);
  });

  it('snapshot mode holds every delete of an empty source and sends them with allowEmptySnapshot', async () => {
    const exchange = memoryExchange();
    const options = {
      mapping,
      push: exchange.push,
      mode: 'snapshot' as const,
      checkpoint: join(dir, 'cp.json'),
    };
    await sync({ ...options, source: rowsOf(people(5)) });
    const held = await sync({ ...options, source: rowsOf([]) });
    expect(held).toMatchObject({ completed: true, read: 0, deleted: 0 });
    const file = join(dir, 'cp.held-deletes.ndjson');
    expect(held.heldDeletes).toEqual({ reason: 'empty-input', count: 5, keylessRejects: 0, known: 5, file });
    expect(held.deletesWithheld).toBe(
      `5 deletions held because the input has no data rows while the last run left 5 records; check the export job; list: ${file}; if the department really has no records left, run again with allowEmptySnapshot (--allow-empty-snapshot)`,
    );
    expect(exchange.records.size).toBe(5);

    const allowed = await sync({ ...options, source: rowsOf([]), allowEmptySnapshot: true });
    expect(allowed).toMatchObject({ read: 0, deleted: 5 });
    expect(allowed.heldDeletes).toBeUndefined();
    expect(exchange.records.size).toBe(0);
  });
});
