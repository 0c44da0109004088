import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { cliArgs } from '../helpers/cli';

export interface SyncProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** One JSON progress line of `unsilo sync` (rows counted over the whole run, resumed attempts included). */
export interface ProgressLine {
  phase: 'sync' | 'deletes' | 'done' | 'stopping';
  read: number;
  committed: number;
}

/** A running `unsilo sync`: its outcome, and a way to SIGKILL it from elsewhere (e.g. a proxy). */
export type SyncRun = Promise<SyncProcessResult> & { kill: () => void };

/** `unsilo sync ARGS…` as a child process, sent `signals` at the first progress line `killWhen` accepts. */
export function syncProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  killWhen?: (progress: ProgressLine) => boolean,
  signals: NodeJS.Signals[] = ['SIGKILL'],
): SyncRun {
  const child: ChildProcess = spawn(process.execPath, cliArgs(['sync', ...args]), {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let buffered = '';
  let sent = false;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (killWhen === undefined) return;
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      if (sent || child.exitCode !== null || !killWhen(JSON.parse(line) as ProgressLine)) continue;
      sent = true;
      for (const signal of signals) child.kill(signal);
    }
  });
  const outcome = new Promise<SyncProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(outcome, {
    kill: () => {
      sent = true;
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  });
}

/** The summary `unsilo sync --format json` prints as its last stdout line (the fields these tests read). */
export interface SummaryLine {
  read: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  completed: boolean;
}

export function summaryOf(result: SyncProcessResult): SummaryLine {
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as SummaryLine;
}

/**
 * Busy loops in child processes, one per core (at most `cores`), so the sync and the exchange compete for CPU
 * as they do on a loaded machine. `stop` ends exactly these processes.
 */
export function cpuHogs(cores = 2): { stop: () => void } {
  const count = Math.max(1, Math.min(cores, availableParallelism()));
  const hogs = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return {
    stop: () => {
      for (const hog of hogs) hog.kill('SIGKILL');
    },
  };
}
