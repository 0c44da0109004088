import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { createClientPusher, readSource, sync } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy';
import { clientFor, exchangeCounts, populationMapping, sandboxWithPopulation } from './support';

const ROWS = 100_000;

describe('sync through a faulty network', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let proxy: FaultProxy;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-faults-'));
    ({ sandbox } = await sandboxWithPopulation());
    proxy = await startFaultProxy({ target: sandbox.url, rate: 0.1, seed: 20261126, stallMs: 10_000 });
    await writePopulationCsv(join(dir, 'population.csv'), ROWS);
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lands exactly the 100,000 rows, once each, through 10% resets, 503s, 429s, stalls and lost answers', async () => {
    // The client gives up on an attempt after 2 s, well before a 10-second stall ends.
    const client = clientFor(proxy.url, { timeout: 2_000 });
    const mapping = await populationMapping(clientFor(sandbox.url));
    const result = await sync({
      mapping,
      rows: readSource(join(dir, 'population.csv'), 'csv', { encoding: 'gbk' }),
      push: createClientPusher(client, { timeoutMs: 2_000, baseDelayMs: 50 }),
      batchSize: 500,
      concurrency: 4,
      checkpoint: join(dir, 'state', 'checkpoint.json'),
    });

    expect(result).toMatchObject({ completed: true, read: ROWS, accepted: ROWS, rejected: 0, unchanged: 0 });
    expect(result.read).toBe(result.accepted + result.rejected + result.unchanged);
    expect(result.batches).toBe(ROWS / 500);
    const faults =
      proxy.stats.reset +
      proxy.stats['503'] +
      proxy.stats['429'] +
      proxy.stats.stall +
      proxy.stats['drop-after-commit'];
    expect(faults).toBeGreaterThanOrEqual(10);
    for (const kind of ['reset', '503', '429', 'stall', 'drop-after-commit'] as const) {
      expect(proxy.stats[kind], kind).toBeGreaterThan(0);
    }
    expect(result.retries).toBe(faults);

    const counts = exchangeCounts(sandbox);
    expect(counts).toEqual({ records: ROWS, upserts: ROWS, deletes: 0, changedKeys: ROWS });

    const receipts = (await readFile(join(dir, 'state', 'checkpoint.receipts.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    expect(receipts).toHaveLength(ROWS / 500);
    expect(new Set(receipts.map((line) => JSON.parse(line).idempotencyKey)).size).toBe(ROWS / 500);
  }, 240_000);
});
