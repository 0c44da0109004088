import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow, writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { exchangeCounts, mappingFile, minzhengEnv, RESOURCE, sandboxWithPopulation } from './support';

/**
 * Issue 14 (sync state and input): a snapshot run holds back the deletes of vanished keys while rows without a
 * readable key are rejected (one of them may be a vanished key's row). The held keys are listed in a file and
 * counted; `--allow-deletes-with-rejects` applies them after review.
 */
const ROWS = 300;
const REMOVED = [7, 40, 123];
const KEYLESS = 200;

async function deletedKeys(client: ExchangeClient): Promise<string[]> {
  const keys: string[] = [];
  for await (const change of client.records.changes(RESOURCE, { limit: 1000 } as never)) {
    const { op, key } = change as unknown as { op: string; key: { gmsfhm: string } };
    if (op === 'delete') keys.push(key.gmsfhm);
  }
  return keys;
}

describe('unsilo sync --mode snapshot: deletions held while rows have no readable key', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'unsilo-held-deletes-')));
    ({ sandbox, client } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the held deletions, sends none, and applies them with --allow-deletes-with-rejects', async () => {
    const env = minzhengEnv(sandbox.url);
    const input = join(dir, 'population.csv');
    const checkpoint = join(dir, 'state', 'population.json');
    const args = ['sync', '-m', mappingFile, '-i', input, '--mode', 'snapshot', '--checkpoint', checkpoint];
    args.push('--no-progress', '--lang', 'en');
    await writePopulationCsv(input, ROWS);
    const first = await runCli([...args, '--format', 'json'], { env });
    expect(first.code, first.stderr).toBe(0);

    // The next export: three people gone, and one row whose ID number is blank (no readable key).
    const held = [...REMOVED, KEYLESS].map((i) => populationRow(i).SFZH);
    await writePopulationCsv(
      input,
      Array.from({ length: ROWS }, (_, i) => populationRow(i))
        .map((row, i) => (i === KEYLESS ? { ...row, SFZH: '' } : row))
        .filter((_, i) => !REMOVED.includes(i)),
    );
    const second = await runCli([...args, '--format', 'json'], { env });
    expect(second.code, second.stderr).toBe(1);
    const heldFile = join(dir, 'state', 'population.held-deletes.ndjson');
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      rejected: 1,
      deleted: 0,
      heldDeletes: { count: 4, keylessRejects: 1, file: heldFile },
    });
    const listed = (await readFile(heldFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(listed.map((key) => key.gmsfhm).sort()).toEqual([...held].sort());
    expect(listed.every((key) => Object.keys(key).join() === 'gmsfhm')).toBe(true);
    expect(await deletedKeys(client)).toEqual([]);
    expect(exchangeCounts(sandbox).records).toBe(ROWS);

    // The summary says how many, why, where the list is and what to run after review.
    const pretty = await runCli(args, { env });
    expect(pretty.code, pretty.stderr).toBe(1);
    expect(pretty.stdout).toContain(
      `4 deletions held because 1 rejected rows have no readable key; list: ${heldFile}; review, then run again with --allow-deletes-with-rejects`,
    );
    expect(await deletedKeys(client)).toEqual([]);

    const allowed = await runCli([...args, '--format', 'json', '--allow-deletes-with-rejects'], { env });
    expect(allowed.code, allowed.stderr).toBe(1);
    const summary = JSON.parse(allowed.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ rejected: 1, deleted: 4 });
    expect(summary.heldDeletes).toBeUndefined();
    expect((await deletedKeys(client)).sort()).toEqual([...held].sort());
    expect(exchangeCounts(sandbox)).toMatchObject({ records: ROWS - 4, deletes: 4 });
    // Nothing is held any more: the list of the earlier runs is gone.
    await expect(stat(heldFile)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);
});
