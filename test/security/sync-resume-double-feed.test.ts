import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { exchangeCounts, mappingFile, minzhengEnv, sandboxWithPopulation } from '../sync/support';
import { summaryOf, syncProcess } from '../sync/sync-process';

/**
 * Issue 14 (sync state and input, first item): `--resume` must never start a new run. A new run builds on the
 * last completed one, so every batch carries a new Idempotency-Key and the exchange applies all rows again: a
 * department following the change feed receives each record twice. Under load a killed run had often already
 * completed, and the `--resume` after it doubled the feed.
 */
const ROWS = 2_000;

describe('unsilo sync --resume never starts a new run', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let env: NodeJS.ProcessEnv;
  let args: string[];
  let checkpoint: string;

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'unsilo-resume-feed-')));
    ({ sandbox } = await sandboxWithPopulation());
    await writePopulationCsv(join(dir, 'population.csv'), ROWS);
    env = minzhengEnv(sandbox.url);
    checkpoint = join(dir, 'sync', 'checkpoint.json');
    args = ['-m', mappingFile, '-i', join(dir, 'population.csv'), '--checkpoint', checkpoint];
    args.push('--batch-size', '500', '--format', 'json', '--lang', 'en');
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 naming the default checkpoint it looked for when there is none, sending nothing', async () => {
    const result = await runCli(['sync', '-m', mappingFile, '-i', join(dir, 'population.csv'), '--resume'], {
      cwd: dir,
      env: { ...env, NO_COLOR: '1' },
    });
    const expected = join(dir, '.unsilo', 'sync', '307002010101-000001.full.json');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('[sync.no_checkpoint]');
    expect(result.stderr).toContain(`No full-mode checkpoint at ${expected}`);
    expect(exchangeCounts(sandbox)).toEqual({ records: 0, upserts: 0, deletes: 0, changedKeys: 0 });
    await expect(stat(join(dir, '.unsilo'))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);

  it('exits 2 after a completed run, leaving the checkpoint and the change feed as they were', async () => {
    const done = await syncProcess(args, env);
    expect(done.code, done.stderr).toBe(0);
    expect(summaryOf(done)).toMatchObject({ completed: true, read: ROWS, accepted: ROWS });
    const before = await readFile(checkpoint, 'utf8');
    const runId = JSON.parse(before).run.id as string;

    const again = await syncProcess([...args, '--resume'], env);
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toContain('[sync.nothing_to_resume]');
    expect(again.stderr).toContain(`${checkpoint} records run ${runId}, completed at`);
    expect(again.stdout).toBe('');
    expect(await readFile(checkpoint, 'utf8')).toBe(before);
    expect(exchangeCounts(sandbox)).toEqual({ records: ROWS, upserts: ROWS, deletes: 0, changedKeys: ROWS });
  }, 60_000);
});
