import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { seededRandom } from '../helpers/fault-proxy';
import { exchangeCounts, mappingFile, minzheng, sandboxWithPopulation } from './support';

const ROWS = 30_000;
const bin = fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url));

/** `unsilo sync` as a child process, sent `signals` once it has read `killAt` rows (if given). */
function syncProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  killAt?: number,
  signals: NodeJS.Signals[] = ['SIGKILL'],
) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', bin, 'sync', ...args],
    {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let buffered = '';
  let sent = false;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (killAt === undefined) return;
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const event = JSON.parse(line) as { read?: number };
      if ((event.read ?? 0) >= killAt && child.exitCode === null && !sent) {
        sent = true;
        for (const signal of signals) child.kill(signal);
      }
    }
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
}

describe('unsilo sync killed with SIGKILL, then --resume', () => {
  let dir: string;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-kill-'));
    ({ sandbox } = await sandboxWithPopulation());
    await writePopulationCsv(join(dir, 'population.csv'), ROWS);
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends with exactly the source rows, once each, after kills at seeded random points', async () => {
    const random = seededRandom(6);
    const env = {
      UNSILO_EXCHANGE_URL: sandbox.url,
      UNSILO_CLIENT_ID: minzheng.clientId,
      UNSILO_CLIENT_SECRET: minzheng.clientSecret,
    };
    const checkpoint = join(dir, 'sync', 'checkpoint.json');
    const args = ['-m', mappingFile, '-i', join(dir, 'population.csv'), '--checkpoint', checkpoint];
    args.push('--batch-size', '500', '--concurrency', '4', '--format', 'json');
    const outputs: string[] = [];
    let killed = 0;
    let resumeArgs = args;
    for (let run = 0; run < 4; run += 1) {
      const killAt = Math.floor(random() * ROWS * 0.9);
      const result = await syncProcess(resumeArgs, env, killAt);
      outputs.push(result.stdout, result.stderr);
      if (result.signal === 'SIGKILL') killed += 1;
      else expect(result.code).toBe(0);
      resumeArgs = [...args, '--resume'];
    }
    expect(killed).toBeGreaterThanOrEqual(3);

    const last = await syncProcess(resumeArgs, env);
    outputs.push(last.stdout, last.stderr);
    expect(last.code, last.stderr).toBe(0);
    const summary = JSON.parse(last.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ completed: true, read: ROWS, accepted: ROWS, rejected: 0, unchanged: 0 });
    expect(summary.read).toBe(summary.accepted + summary.rejected + summary.unchanged);

    expect(exchangeCounts(sandbox)).toEqual({ records: ROWS, upserts: ROWS, deletes: 0, changedKeys: ROWS });
    const receipts = (await readFile(join(dir, 'sync', 'checkpoint.receipts.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    expect(receipts.map((line) => JSON.parse(line).batch)).toEqual(
      Array.from({ length: ROWS / 500 }, (_, i) => i),
    );

    // The secret reaches no output and no file the sync keeps.
    for (const text of outputs) expect(text).not.toContain(minzheng.clientSecret);
    for (const name of await readdir(join(dir, 'sync'))) {
      expect(await readFile(join(dir, 'sync', name), 'utf8')).not.toContain(minzheng.clientSecret);
    }
  }, 300_000);
});

describe('unsilo sync interrupted with Ctrl-C', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  const rows = 12_000;

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
    const env = {
      UNSILO_EXCHANGE_URL: sandbox.url,
      UNSILO_CLIENT_ID: minzheng.clientId,
      UNSILO_CLIENT_SECRET: minzheng.clientSecret,
    };
    const checkpoint = join(dir, 'sync', 'checkpoint.json');
    const args = ['-m', mappingFile, '-i', join(dir, 'population.csv'), '--checkpoint', checkpoint];
    args.push('--batch-size', '250', '--format', 'json');

    const stopped = await syncProcess(args, env, 3_000, ['SIGINT']);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/Stopping after the batches in flight|正在等待进行中的批次完成后停止/);
    const partial = JSON.parse(stopped.stdout.trim().split('\n').at(-1)!);
    expect(partial.completed).toBe(false);
    expect(partial.read).toBe(partial.accepted);
    expect(partial.read % 250).toBe(0);
    const saved = JSON.parse(await readFile(checkpoint, 'utf8'));
    expect(saved.run).toMatchObject({ completed: false, position: partial.read });
    expect(exchangeCounts(sandbox).records).toBeGreaterThanOrEqual(partial.read);

    const aborted = await syncProcess([...args, '--resume'], env, 7_000, ['SIGINT', 'SIGINT']);
    expect(aborted.code).toBe(130);
    JSON.parse(await readFile(checkpoint, 'utf8'));

    const done = await syncProcess([...args, '--resume'], env);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      completed: true,
      read: rows,
      accepted: rows,
    });
    expect(exchangeCounts(sandbox)).toEqual({ records: rows, upserts: rows, deletes: 0, changedKeys: rows });
  }, 180_000);
});
