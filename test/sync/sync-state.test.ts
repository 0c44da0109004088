import { mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { loadCheckpoint, syncFile } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow, writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { exchangeCounts, mappingFile, minzhengEnv, sandboxWithPopulation } from './support';

/**
 * Issue 14 (sync state and input): each mode keeps its own checkpoint, so a full run never overwrites the
 * watermark of the incremental runs, and `--resume` looks for the checkpoint of its own mode.
 */
const ROWS = 600;
const STEM = '307002010101-000001';

describe('sync state per resource and mode', { timeout: 90_000 }, () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'unsilo-sync-state-')));
    ({ sandbox, client } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the incremental watermark when a full run comes in between', async () => {
    const folder = join(dir, 'watermark');
    await mkdir(folder);
    const input = join(folder, 'population.csv');
    await writePopulationCsv(input, ROWS);
    const incremental = { mode: 'incremental' as const, watermark: 'gxsj' };
    const base = { mapping: mappingFile, input, client, folder, batchSize: 200 };

    const first = await syncFile({ ...base, ...incremental });
    expect(first).toMatchObject({ read: ROWS, accepted: ROWS, unchanged: 0 });
    expect(first.checkpoint).toBe(join(folder, '.unsilo', 'sync', `${STEM}.incremental.json`));

    const full = await syncFile(base);
    expect(full).toMatchObject({ read: ROWS, accepted: ROWS });
    expect(full.checkpoint).toBe(join(folder, '.unsilo', 'sync', `${STEM}.full.json`));

    // Nothing is newer than the watermark of the last incremental run: nothing is sent.
    const upserts = exchangeCounts(sandbox).upserts;
    const second = await syncFile({ ...base, ...incremental });
    expect(second).toMatchObject({ read: ROWS, accepted: 0, unchanged: ROWS, batches: 0 });
    expect((await loadCheckpoint(second.checkpoint!))?.watermark).toEqual({
      field: 'gxsj',
      value: '2024-05-01T08:00:00+08:00',
    });
    expect(exchangeCounts(sandbox).upserts).toBe(upserts);
  });

  it('adopts the per-resource checkpoint of an earlier unsilo once, keeping its watermark', async () => {
    const folder = join(dir, 'legacy');
    await mkdir(join(folder, '.unsilo', 'sync'), { recursive: true });
    const input = join(folder, 'population.csv');
    await writePopulationCsv(input, ROWS);
    const legacy = join(folder, '.unsilo', 'sync', `${STEM}.json`);
    await writeFile(
      legacy,
      JSON.stringify({
        version: 1,
        resource: '307002010101/000001',
        mode: 'incremental',
        mapping: 'an earlier mapping',
        generation: 'legacy-run',
        watermark: { field: 'gxsj', value: '2024-05-01T08:00:00+08:00' },
        receipts: { file: join(folder, '.unsilo', 'sync', `${STEM}.receipts.ndjson`), bytes: 0 },
      }),
    );
    const base = { mapping: mappingFile, input, client, folder, batchSize: 200 };

    // A full run leaves the incremental runs' checkpoint where it is.
    await syncFile(base);
    expect((await loadCheckpoint(legacy))?.mode).toBe('incremental');

    const adopted = await syncFile({ ...base, mode: 'incremental', watermark: 'gxsj' });
    expect(adopted).toMatchObject({ read: ROWS, accepted: 0, unchanged: ROWS });
    expect(adopted.checkpoint).toBe(join(folder, '.unsilo', 'sync', `${STEM}.incremental.json`));
    await expect(stat(legacy)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(JSON.parse(await readFile(`${legacy}.migrated`, 'utf8'))).toMatchObject({
      generation: 'legacy-run',
    });

    // Rows updated after the watermark are sent on the next incremental run, and only they.
    await writePopulationCsv(
      input,
      Array.from({ length: ROWS }, (_, i) =>
        populationRow(i, i < 5 ? '2024-06-01T08:00:00+08:00' : undefined),
      ),
    );
    const next = await syncFile({ ...base, mode: 'incremental', watermark: 'gxsj' });
    expect(next).toMatchObject({ read: ROWS, accepted: 5, unchanged: ROWS - 5 });
  });

  it('--resume with no checkpoint of the mode exits 2 naming the file and the mode, sending nothing', async () => {
    const folder = join(dir, 'resume');
    await mkdir(folder);
    const input = join(folder, 'population.csv');
    await writePopulationCsv(input, 50);
    const env = minzhengEnv(sandbox.url);
    const args = ['sync', '-m', mappingFile, '-i', input];
    args.push('--format', 'json', '--no-progress', '--lang', 'en');
    // A completed full run leaves a checkpoint of its own mode only.
    const full = await runCli(args, { cwd: folder, env });
    expect(full.code, full.stderr).toBe(0);

    const upserts = exchangeCounts(sandbox).upserts;
    const resume = await runCli([...args, '--mode', 'incremental', '--watermark', 'gxsj', '--resume'], {
      cwd: folder,
      env,
    });
    const expected = join(folder, '.unsilo', 'sync', `${STEM}.incremental.json`);
    expect(resume.code, resume.stderr).toBe(2);
    expect(resume.stderr).toContain('[sync.no_checkpoint]');
    expect(resume.stderr).toContain(`No incremental-mode checkpoint at ${expected}`);
    expect(resume.stdout).toBe('');
    expect(exchangeCounts(sandbox).upserts).toBe(upserts);
    await expect(stat(expected)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
