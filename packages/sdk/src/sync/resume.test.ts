import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint';
import { sync } from './sync';
import { mapping, memoryExchange, people, rowsOf } from './test-support/memory-exchange';

/**
 * Issue 14: a resume must never start a new run. A new run builds on the last completed one, so its batches
 * carry new Idempotency-Keys and the exchange applies every row again — the change feed doubles.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-resume-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stopped = () => {
  const stop = new AbortController();
  stop.abort();
  return stop.signal;
};

describe('resume: true', () => {
  it('after a completed run refuses with sync.nothing_to_resume and sends nothing', async () => {
    const exchange = memoryExchange();
    const checkpoint = join(dir, 'cp.json');
    const options = { mapping, push: exchange.push, batchSize: 50, checkpoint };
    const done = await sync({ ...options, source: rowsOf(people(500)) });
    expect(done).toMatchObject({ completed: true, accepted: 500 });
    const before = await readFile(checkpoint, 'utf8');
    const runId = (await loadCheckpoint(checkpoint))?.run?.id;

    const again = sync({ ...options, source: rowsOf(people(500)), resume: true });
    await expect(again).rejects.toMatchObject({ code: 'sync.nothing_to_resume' });
    await expect(again).rejects.toThrow(`${checkpoint} records run ${runId}, completed at`);
    expect(exchange.applied).toHaveLength(10);
    expect(await readFile(checkpoint, 'utf8')).toBe(before);
  });

  it('with no checkpoint file refuses with sync.no_checkpoint naming where it looked, writing nothing', async () => {
    const exchange = memoryExchange();
    const checkpoint = join(dir, 'nested', 'cp.json');
    const attempt = sync({
      mapping,
      source: rowsOf(people(20)),
      push: exchange.push,
      checkpoint,
      resume: true,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'sync.no_checkpoint' });
    await expect(attempt).rejects.toThrow(`No full-mode checkpoint at ${checkpoint}`);
    expect(exchange.applied).toHaveLength(0);
    await expect(stat(join(dir, 'nested'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('without a checkpoint option refuses with sync.invalid_options', async () => {
    const exchange = memoryExchange();
    const attempt = sync({ mapping, source: rowsOf(people(20)), push: exchange.push, resume: true });
    await expect(attempt).rejects.toMatchObject({ code: 'sync.invalid_options' });
    expect(exchange.applied).toHaveLength(0);
  });

  it('continues an interrupted run under the same keys: every batch applied once', async () => {
    const exchange = memoryExchange();
    const checkpoint = join(dir, 'cp.json');
    const options = { mapping, push: exchange.push, batchSize: 50, checkpoint };
    exchange.failWhen((request) => request.index === 4);
    await expect(sync({ ...options, source: rowsOf(people(500)) })).rejects.toThrow(/batch 4/);
    exchange.failWhen(undefined);
    const resumed = await sync({ ...options, source: rowsOf(people(500)), resume: true });
    expect(resumed).toMatchObject({ resumed: true, completed: true, read: 500, accepted: 500 });
    expect(exchange.applied.map((r) => r.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => i),
    );
  });
});

describe("resume: 'if-interrupted'", () => {
  it('continues an interrupted run', async () => {
    const exchange = memoryExchange();
    const checkpoint = join(dir, 'cp.json');
    const options = { mapping, push: exchange.push, batchSize: 50, checkpoint };
    await sync({ ...options, source: rowsOf(people(500)), stop: stopped() });
    const resumed = await sync({ ...options, source: rowsOf(people(500)), resume: 'if-interrupted' });
    expect(resumed).toMatchObject({ resumed: true, completed: true, read: 500, accepted: 500 });
    expect(exchange.applied).toHaveLength(10);
  });

  it('starts a new run when there is no checkpoint or the last run completed', async () => {
    const exchange = memoryExchange();
    const checkpoint = join(dir, 'cp.json');
    const options = {
      mapping,
      push: exchange.push,
      batchSize: 50,
      checkpoint,
      resume: 'if-interrupted' as const,
    };
    const first = await sync({ ...options, source: rowsOf(people(100)) });
    expect(first).toMatchObject({ resumed: false, completed: true, accepted: 100 });
    const second = await sync({ ...options, source: rowsOf(people(100)) });
    expect(second).toMatchObject({ resumed: false, completed: true, accepted: 100 });
    // A new full run sends again under the new generation: that is what a new run is for.
    expect(exchange.applied).toHaveLength(4);
  });
});
