import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { syncFile } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PopulationRow,
  populationRow,
  writePopulationCsv,
} from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import {
  clientFor,
  exchangeCounts,
  mappingFile,
  minzhengEnv,
  RESOURCE,
  sandboxWithPopulation,
} from './support';

// 100 people, then person 5 twice more and person 7 once more: rows 6, 101, 103 share a key, rows 8 and 102.
const people = Array.from({ length: 100 }, (_, i) => populationRow(i));
const rows: PopulationRow[] = [
  ...people,
  { ...populationRow(5), XM: '第二次' },
  { ...populationRow(7), XM: '第二次' },
  { ...populationRow(5), XM: '第三次' },
];
const id = (i: number) => populationRow(i).SFZH;

describe('sync and duplicate keys in one file', { timeout: 120_000 }, () => {
  let dir: string;
  let input: string;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-sync-duplicates-'));
    input = join(dir, 'population.csv');
    await writePopulationCsv(input, rows);
    ({ sandbox } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The keys the exchange holds for the resource: those whose last change is an upsert (as exchangeCounts). */
  const held = () =>
    (
      sandbox
        .db!.prepare(
          `SELECT c.record_key AS k FROM changes c
           JOIN (SELECT max(seq) AS seq FROM changes WHERE resource_code = ? GROUP BY record_key) latest
             ON latest.seq = c.seq
           WHERE c.op = 'upsert'`,
        )
        .all(RESOURCE) as Array<{ k: string }>
    )
      .map((r) => JSON.parse(r.k).gmsfhm as string)
      .sort();
  const nameOf = (gmsfhm: string) =>
    (
      sandbox
        .db!.prepare(
          "SELECT data FROM changes WHERE resource_code = ? AND record_key = ? AND op = 'upsert' ORDER BY seq DESC LIMIT 1",
        )
        .get(RESOURCE, JSON.stringify({ gmsfhm })) as { data: string }
    ).data;

  it('rejects every row of a repeated key (snapshot mode): the exchange holds exactly the accepted keys, again on a re-run', async () => {
    const options = {
      mapping: mappingFile,
      input,
      client: () => clientFor(sandbox.url),
      folder: dir,
      mode: 'snapshot' as const,
      batchSize: 40,
    };
    const first = await syncFile(options);
    expect(first).toMatchObject({
      completed: true,
      read: 103,
      accepted: 98,
      rejected: 5,
      replaced: 0,
      deleted: 0,
      duplicateScan: 'prescanned',
    });
    expect(first.read).toBe(first.accepted + first.rejected + first.unchanged + first.replaced);
    const accepted = people.map((p) => p.SFZH).filter((k) => k !== id(5) && k !== id(7));
    expect(held()).toEqual([...accepted].sort());

    const rejects = (await readFile(first.rejectsFile!, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.row, r.errors[0].rule, r.errors[0].message])).toEqual([
      [6, 'duplicate', `key gmsfhm = ${id(5)} occurs more than once: also in row 101, 103`],
      [8, 'duplicate', `key gmsfhm = ${id(7)} occurs more than once: also in row 102`],
      [101, 'duplicate', `key gmsfhm = ${id(5)} occurs more than once: also in row 6, 103`],
      [102, 'duplicate', `key gmsfhm = ${id(7)} occurs more than once: also in row 8`],
      [103, 'duplicate', `key gmsfhm = ${id(5)} occurs more than once: also in row 6, 101`],
    ]);

    // A snapshot re-run neither flips between the rows of a key nor deletes it: its rows name their key.
    const upserts = exchangeCounts(sandbox).upserts;
    const second = await syncFile(options);
    expect(second).toMatchObject({ read: 103, accepted: 0, unchanged: 98, rejected: 5, deleted: 0 });
    expect(exchangeCounts(sandbox).upserts).toBe(upserts);
    expect(held()).toEqual([...accepted].sort());
  });

  it('snapshot mode does not delete a key whose rows became duplicates: they are rejected naming their key', async () => {
    const clean = join(dir, 'clean.csv');
    await writePopulationCsv(clean, people);
    const options = {
      mapping: mappingFile,
      client: () => clientFor(sandbox.url),
      checkpoint: join(dir, 'held.json'),
      mode: 'snapshot' as const,
    };
    const before = await syncFile({ ...options, input: clean });
    expect(before).toMatchObject({ read: 100, accepted: 100, rejected: 0, deleted: 0 });
    const after = await syncFile({ ...options, input });
    expect(after).toMatchObject({ read: 103, accepted: 0, unchanged: 98, rejected: 5, deleted: 0 });
    expect(after.deletesWithheld).toBeUndefined();
    expect(held()).toEqual(people.map((p) => p.SFZH).sort());
  });

  it('unsilo sync --duplicates last sends the last row of each key and counts the replaced ones', async () => {
    const result = await runCli(
      [
        'sync',
        '-m',
        mappingFile,
        '-i',
        input,
        '--checkpoint',
        join(dir, 'last.json'),
        '--duplicates',
        'last',
        '--format',
        'json',
        '--no-progress',
      ],
      { env: minzhengEnv(sandbox.url) },
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ read: 103, accepted: 100, rejected: 0, replaced: 3 });
    expect(summary.read).toBe(summary.accepted + summary.rejected + summary.unchanged + summary.replaced);
    expect(held()).toEqual(people.map((p) => p.SFZH).sort());
    expect(JSON.parse(nameOf(id(5))).xm).toBe('第三次');
    expect(JSON.parse(nameOf(id(7))).xm).toBe('第二次');
  });

  it('unsilo sync refuses a --duplicates value it does not know (exit 2)', async () => {
    const result = await runCli(['sync', '-m', mappingFile, '-i', input, '--duplicates', 'first'], {
      env: minzhengEnv(sandbox.url),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--duplicates must be reject or last');
  });
});
