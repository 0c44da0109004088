import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow, writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { seededRandom } from '../helpers/fault-proxy';
import { exchangeCounts, mappingFile, minzhengEnv, RESOURCE, sandboxWithPopulation } from './support';

const ROWS = 20_000;

async function changeFeed(client: ExchangeClient) {
  const items: Array<{ op: string; key: Record<string, unknown> }> = [];
  for await (const change of client.records.changes(RESOURCE, { limit: 1000 } as never)) {
    items.push(change as unknown as { op: string; key: Record<string, unknown> });
  }
  return items;
}

describe('unsilo sync --mode snapshot (a legacy system with no update time)', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-snapshot-'));
    ({ sandbox, client } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends exactly the 1% changed rows and deletes the 0.5% vanished keys', async () => {
    const env = minzhengEnv(sandbox.url);
    const input = join(dir, 'population.csv');
    const args = [
      'sync',
      '-m',
      mappingFile,
      '-i',
      input,
      '--mode',
      'snapshot',
      '--checkpoint',
      join(dir, 'cp.json'),
    ];
    args.push('--format', 'json', '--no-progress');

    await writePopulationCsv(input, ROWS);
    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      read: ROWS,
      accepted: ROWS,
      deleted: 0,
    });
    const before = (await changeFeed(client)).length;
    expect(before).toBe(ROWS);

    // The next export: 1% of the rows changed, 0.5% gone, at seeded random places.
    const random = seededRandom(42);
    const changed = new Set<number>();
    const removed = new Set<number>();
    while (changed.size < ROWS * 0.01) changed.add(Math.floor(random() * ROWS));
    while (removed.size < ROWS * 0.005) {
      const i = Math.floor(random() * ROWS);
      if (!changed.has(i)) removed.add(i);
    }
    const nextExport = function* () {
      for (let i = 0; i < ROWS; i += 1) {
        if (removed.has(i)) continue;
        const row = populationRow(i);
        yield changed.has(i) ? { ...row, JZLB: row.JZLB === '特困' ? '低保' : '特困' } : row;
      }
    };
    await writePopulationCsv(input, nextExport());

    const second = await runCli(args, { env });
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({
      read: ROWS - removed.size,
      accepted: changed.size,
      unchanged: ROWS - removed.size - changed.size,
      rejected: 0,
      deleted: removed.size,
    });

    const feed = (await changeFeed(client)).slice(before);
    const upserted = feed.filter((c) => c.op === 'upsert').map((c) => c.key.gmsfhm);
    const deleted = feed.filter((c) => c.op === 'delete').map((c) => c.key.gmsfhm);
    expect(new Set(upserted)).toEqual(new Set([...changed].map((i) => populationRow(i).SFZH)));
    expect(upserted).toHaveLength(changed.size);
    expect(new Set(deleted)).toEqual(new Set([...removed].map((i) => populationRow(i).SFZH)));
    expect(deleted).toHaveLength(removed.size);
    expect(exchangeCounts(sandbox).records).toBe(ROWS - removed.size);

    // Nothing changed since: the third run sends nothing.
    const third = await runCli(args, { env });
    expect(JSON.parse(third.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      accepted: 0,
      deleted: 0,
      batches: 0,
      unchanged: ROWS - removed.size,
    });
  }, 180_000);
});
