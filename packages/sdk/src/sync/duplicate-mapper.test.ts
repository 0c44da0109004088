import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prescannedGuard, recordKey } from '../mapping/duplicate-keys';
import { planOf } from '../mapping/key-scan';
import { SyncError } from './errors';
import { sync } from './sync';
import { mapping, memoryExchange, people, rowsOf } from './test-support/memory-exchange';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-sync-duplicates-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// 300 people; rows 301 and 302 repeat ids 10 and 20 with other names.
const rows = [...people(300), { id: 10, name: 'again' }, { id: 20, name: 'again' }];

/** The pre-scan of `rows`, as syncFile makes it for a file: the key of each row, from the mapping's key. */
function guardOf(policy: 'reject' | 'last') {
  const plan = planOf(rows.map((values, i) => ({ row: i + 1, key: recordKey(values, mapping.key) })));
  return prescannedGuard(plan, policy, mapping.key);
}

describe('sync and duplicate keys', () => {
  it('without a pre-scan keeps the first row of a key and rejects later ones, saying so', async () => {
    const exchange = memoryExchange();
    const result = await sync({ mapping, source: rowsOf(rows), push: exchange.push, batchSize: 100 });
    expect(result).toMatchObject({
      read: 302,
      accepted: 300,
      rejected: 2,
      replaced: 0,
      duplicateScan: 'streaming',
    });
    expect(exchange.records.size).toBe(result.accepted);
  });

  it('refuses duplicates: last without a pre-scan, sending nothing', async () => {
    const exchange = memoryExchange();
    const error = await sync({
      mapping,
      source: rowsOf(rows),
      push: exchange.push,
      duplicates: 'last',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('sync.duplicates_need_prescan');
    expect(exchange.applied).toHaveLength(0);
  });

  it('a pre-scanned guard gives the same verdicts on resume: each replaced row counted once, the last row sent', async () => {
    const exchange = memoryExchange();
    const options = {
      mapping,
      push: exchange.push,
      batchSize: 50,
      concurrency: 2,
      checkpoint: join(dir, 'cp.json'),
      duplicates: 'last' as const,
      duplicateGuard: guardOf('last'),
    };
    exchange.failWhen((request) => request.index === 3);
    await expect(sync({ ...options, source: rowsOf(rows) })).rejects.toThrow(/batch 3/);
    exchange.failWhen(undefined);
    const result = await sync({ ...options, source: rowsOf(rows), resume: true });
    expect(result).toMatchObject({ completed: true, read: 302, accepted: 300, rejected: 0, replaced: 2 });
    expect(result.read).toBe(result.accepted + result.rejected + result.unchanged + result.replaced);
    expect(exchange.records.size).toBe(300);
    expect([exchange.records.get('10')?.name, exchange.records.get('20')?.name]).toEqual(['again', 'again']);
  });
});
