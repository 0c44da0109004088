import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { seededRandom } from '../helpers/fault-proxy';
import { type KillSwitch, startKillSwitch } from './kill-switch';
import { exchangeCounts, mappingFile, minzheng, minzhengEnv, sandboxWithPopulation } from './support';
import { cpuHogs, summaryOf, syncProcess } from './sync-process';

const ROWS = 6_000;
const BATCH = 250;
/** An attempt is killed at the 1st…KILL_SPAN-th batch request after its first checkpoint write (seeded). */
const KILL_SPAN = 4;
/** Each attempt moves the checkpoint (it is killed only after that), so this many attempts at most. */
const MAX_ATTEMPTS = ROWS / BATCH + 1;

/** The checkpoint's run: where it stands and whether it completed (undefined before the first run wrote one). */
function runOf(checkpoint: string): { completed: boolean; position: number } | undefined {
  let text: string;
  try {
    text = readFileSync(checkpoint, 'utf8');
  } catch {
    return undefined;
  }
  const run = JSON.parse(text).run as { completed: boolean; position: number };
  return { completed: run.completed, position: run.position };
}

describe('unsilo sync killed with SIGKILL under CPU load, then --resume', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let killSwitch: KillSwitch;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-kill-'));
    ({ sandbox } = await sandboxWithPopulation());
    killSwitch = await startKillSwitch(sandbox.url, 14);
    await writePopulationCsv(join(dir, 'population.csv'), ROWS);
  });
  afterAll(async () => {
    await killSwitch?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Issue 14: under load a kill often landed after the run had completed, and the --resume typed after it
  // started a new run under new Idempotency-Keys: the exchange applied every row a second time.
  it('ends with exactly the source rows, once each in the change feed, after kills at seeded points', async () => {
    const hogs = cpuHogs(2);
    try {
      const random = seededRandom(14);
      const env = minzhengEnv(killSwitch.url);
      const checkpoint = join(dir, 'sync', 'checkpoint.json');
      const args = ['-m', mappingFile, '-i', join(dir, 'population.csv'), '--checkpoint', checkpoint];
      args.push('--batch-size', String(BATCH), '--concurrency', '4', '--format', 'json', '--lang', 'en');
      const outputs: string[] = [];
      let attempts = 0;
      let kills = 0;
      // Every attempt after the first is a --resume, as an operator types it after a kill. The attempt that
      // completes is killed too, right after its last checkpoint write (its `done` line), as a late kill was.
      for (let before = runOf(checkpoint); !before?.completed; before = runOf(checkpoint)) {
        expect(attempts, 'the resumed run stopped making progress').toBeLessThan(MAX_ATTEMPTS);
        const start = before?.position ?? 0;
        const resume = attempts === 0 ? [] : ['--resume'];
        const run = syncProcess([...args, ...resume], env, (p) => p.phase === 'done');
        killSwitch.arm(
          1 + Math.floor(random() * KILL_SPAN),
          () => {
            kills += 1;
            run.kill();
          },
          () => (runOf(checkpoint)?.position ?? 0) > start,
        );
        const result = await run;
        killSwitch.disarm();
        attempts += 1;
        outputs.push(result.stdout, result.stderr);
        if (result.signal !== 'SIGKILL') {
          expect(result.code, result.stderr).toBe(0);
          expect(summaryOf(result)).toMatchObject({
            completed: true,
            read: ROWS,
            accepted: ROWS,
            rejected: 0,
          });
        }
        expect(exchangeCounts(sandbox).upserts).toBeLessThanOrEqual(ROWS);
      }
      expect(kills).toBe(attempts - 1);
      expect(kills).toBeGreaterThanOrEqual(5);
      expect(killSwitch.stats.reset + killSwitch.stats['drop-after-commit']).toBe(kills);

      // The run is complete: the --resume typed next refuses and changes nothing.
      const again = await syncProcess([...args, '--resume'], env);
      outputs.push(again.stdout, again.stderr);
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toContain('[sync.nothing_to_resume]');

      expect(exchangeCounts(sandbox)).toEqual({
        records: ROWS,
        upserts: ROWS,
        deletes: 0,
        changedKeys: ROWS,
      });
      const receipts = (await readFile(join(dir, 'sync', 'checkpoint.receipts.ndjson'), 'utf8'))
        .trim()
        .split('\n');
      expect(receipts.map((line) => JSON.parse(line).batch)).toEqual(
        Array.from({ length: ROWS / BATCH }, (_, i) => i),
      );

      // The secret reaches no output and no file the sync keeps.
      for (const text of outputs) expect(text).not.toContain(minzheng.clientSecret);
      for (const name of await readdir(join(dir, 'sync'))) {
        expect(await readFile(join(dir, 'sync', name), 'utf8')).not.toContain(minzheng.clientSecret);
      }
    } finally {
      hogs.stop();
    }
  }, 180_000);
});

describe('unsilo sync interrupted with Ctrl-C', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  // Enough rows that, under load, the run is still going when the signals of the second run arrive.
  const rows = 40_000;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-sigint-'));
    ({ sandbox } = await sandboxWithPopulation());
    await writePopulationCsv(join(dir, 'population.csv'), rows);
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stops after the batches in flight on the first Ctrl-C and aborts on the second, resumable both times', async () => {
    const env = minzhengEnv(sandbox.url);
    const checkpoint = join(dir, 'sync', 'checkpoint.json');
    const args = ['-m', mappingFile, '-i', join(dir, 'population.csv'), '--checkpoint', checkpoint];
    args.push('--batch-size', '250', '--format', 'json');

    const stopped = await syncProcess(args, env, (p) => p.read >= 3_000, ['SIGINT']);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/Stopping after the batches in flight|正在等待进行中的批次完成后停止/);
    const partial = summaryOf(stopped);
    expect(partial.completed).toBe(false);
    expect(partial.read).toBe(partial.accepted);
    expect(partial.read % 250).toBe(0);
    const saved = JSON.parse(await readFile(checkpoint, 'utf8'));
    expect(saved.run).toMatchObject({ completed: false, position: partial.read });
    expect(exchangeCounts(sandbox).records).toBeGreaterThanOrEqual(partial.read);

    const aborted = await syncProcess([...args, '--resume'], env, (p) => p.read >= 7_000, [
      'SIGINT',
      'SIGINT',
    ]);
    expect(aborted.code).toBe(130);
    JSON.parse(await readFile(checkpoint, 'utf8'));

    const done = await syncProcess([...args, '--resume'], env);
    expect(done.code, done.stderr).toBe(0);
    expect(summaryOf(done)).toMatchObject({
      completed: true,
      read: rows,
      accepted: rows,
    });
    expect(exchangeCounts(sandbox)).toEqual({ records: rows, upserts: rows, deletes: 0, changedKeys: rows });
  }, 180_000);
});
