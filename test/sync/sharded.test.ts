import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { canonicalJson } from '@unsilo/sdk/json';
import { shardOfKey } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PopulationRow,
  populationRow,
  writePopulationCsv,
} from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { exchangeCounts, mappingFile, minzhengEnv, RESOURCE, sandboxWithPopulation } from './support';

const ROWS = 3_000;
const SHARDS = 3;

/** Every 150th row has a sex code the mapping does not know: rejected with its key intact, so in its shard. */
function* exportRows(skip: ReadonlySet<number> = new Set()): Iterable<PopulationRow> {
  for (let i = 0; i < ROWS; i += 1) {
    if (skip.has(i)) continue;
    const row = populationRow(i);
    yield i % 150 === 7 ? { ...row, XB: '9' } : row;
  }
}

/** `unsilo sync` in `cwd` (its default checkpoints under `cwd/.unsilo/sync`), its JSON summary parsed. */
async function syncCli(sandbox: RunningSandbox, cwd: string, input: string, extra: string[]) {
  const args = ['sync', '-m', mappingFile, '-i', input, '--format', 'json', '--no-progress', ...extra];
  const run = await runCli(args, { env: minzhengEnv(sandbox.url), cwd });
  if (run.code !== 0 && run.code !== 1) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Summary;
}

/** The part of `unsilo sync --format json`'s summary these tests read. */
interface Summary {
  read: number;
  accepted: number;
  rejected: number;
  outOfShard: number;
  deleted: number;
  shard?: { index: number; count: number };
  checkpoint: string;
}

/** The resource's current records, each as canonical JSON, sorted. */
async function currentRecords(client: ExchangeClient): Promise<string[]> {
  const records = await client.records.query(RESOURCE, { limit: 1000 } as never).toArray();
  return records.map((record) => canonicalJson(record)).sort();
}

const shardOf = (row: PopulationRow) => shardOfKey(JSON.stringify([row.SFZH]), SHARDS);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('unsilo sync --shard i/n', () => {
  let dir: string;
  let input: string;
  let sharded: { sandbox: RunningSandbox; client: ExchangeClient };
  let whole: { sandbox: RunningSandbox; client: ExchangeClient };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-shard-'));
    input = join(dir, 'population.csv');
    await writePopulationCsv(input, exportRows());
    sharded = await sandboxWithPopulation();
    whole = await sandboxWithPopulation();
  });
  afterAll(async () => {
    await sharded?.sandbox.close();
    await whole?.sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('three shards run at once leave the same records and counts as one unsharded run', async () => {
    const shards = await Promise.all(
      [1, 2, 3].map((i) => syncCli(sharded.sandbox, dir, input, ['--shard', `${i}/${SHARDS}`])),
    );
    const one = await syncCli(whole.sandbox, dir, input, ['--checkpoint', join(dir, 'whole.json')]);
    expect(one).toMatchObject({ read: ROWS, accepted: ROWS - 20, rejected: 20 });

    shards.forEach((summary, i) => {
      expect(summary.shard).toEqual({ index: i + 1, count: SHARDS });
      expect(summary.read).toBe(ROWS);
      expect(summary.read).toBe(summary.accepted + summary.rejected + summary.outOfShard);
      expect(summary.checkpoint).toBe(
        join(dir, `.unsilo/sync/307002010101-000001.full.shard-${i + 1}-of-${SHARDS}.json`),
      );
    });
    expect(sum(shards.map((s) => s.accepted))).toBe(one.accepted);
    expect(sum(shards.map((s) => s.rejected))).toBe(one.rejected);
    // Each shard sends a fair share, not everything and not nothing.
    for (const s of shards) expect(s.accepted).toBeGreaterThan(ROWS / SHARDS / 2);

    expect(exchangeCounts(sharded.sandbox)).toEqual(exchangeCounts(whole.sandbox));
    const [mine, theirs] = await Promise.all([currentRecords(sharded.client), currentRecords(whole.client)]);
    expect(mine).toHaveLength(ROWS - 20);
    expect(mine).toEqual(theirs);
  }, 180_000);

  it('refuses --shard 0/3 as a usage error, in both languages', async () => {
    const run = await runCli(
      ['sync', '-m', mappingFile, '-i', input, '--shard', '0/3', '--lang', 'en', '--no-progress'],
      { env: minzhengEnv(whole.sandbox.url), cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('shard must be i/n with 1 ≤ i ≤ n ≤ 1024');
    expect(run.stderr).toContain('分片须写作 i/n');
  }, 60_000);
});

describe('unsilo sync --mode snapshot --shard i/n', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-shard-snapshot-'));
    ({ sandbox, client } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a shard deletes only the vanished keys it owns; the others stay until their shard runs', async () => {
    const input = join(dir, 'population.csv');
    const snapshot = (i: number) =>
      syncCli(sandbox, dir, input, ['--mode', 'snapshot', '--shard', `${i}/${SHARDS}`]);
    await writePopulationCsv(input, exportRows());
    await Promise.all([1, 2, 3].map(snapshot));
    expect(exchangeCounts(sandbox).records).toBe(ROWS - 20);
    await access(join(dir, '.unsilo/sync/307002010101-000001.snapshot.shard-2-of-3.state'));

    // 59 rows vanish from the next export (none of them a rejected row), spread over the three shards.
    const removed = new Set(Array.from({ length: 60 }, (_, n) => n * 47 + 3).filter((i) => i % 150 !== 7));
    const removedKeys = [...removed].map((i) => populationRow(i));
    const ownKeys = removedKeys.filter((row) => shardOf(row) === 1).map((row) => row.SFZH);
    const otherKeys = removedKeys.filter((row) => shardOf(row) !== 1).map((row) => row.SFZH);
    expect(removed.size).toBe(59);
    expect(ownKeys.length).toBeGreaterThan(5);
    expect(otherKeys.length).toBeGreaterThan(5);
    await writePopulationCsv(input, exportRows(removed));

    const ownRejects = [...exportRows(removed)].filter((row) => row.XB === '9' && shardOf(row) === 1).length;
    const first = await snapshot(1);
    expect(first).toMatchObject({ deleted: ownKeys.length, accepted: 0, rejected: ownRejects });
    const deleted: string[] = [];
    for await (const change of client.records.changes(RESOURCE, { limit: 1000 } as never)) {
      const item = change as unknown as { op: string; key: { gmsfhm: string } };
      if (item.op === 'delete') deleted.push(item.key.gmsfhm);
    }
    expect(deleted.sort()).toEqual([...ownKeys].sort());
    for (const key of otherKeys.slice(0, 3)) {
      const found = await client.records.query(RESOURCE, { filter: { gmsfhm: key } } as never).toArray();
      expect(found).toHaveLength(1);
    }
    expect(exchangeCounts(sandbox).records).toBe(ROWS - 20 - ownKeys.length);

    // Shards 2 and 3 then delete the rest: together the same as one unsharded snapshot.
    const rest = await Promise.all([2, 3].map(snapshot));
    expect(sum(rest.map((s) => s.deleted))).toBe(otherKeys.length);
    expect(exchangeCounts(sandbox).records).toBe(ROWS - 20 - removed.size);
  }, 180_000);
});
