import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));

export interface SandboxChild {
  url: string;
  process: ChildProcess;
  /** SIGKILL: no shutdown, no flush, as a crashed machine. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** The exchange in a child process on `location` (a data file or a PostgreSQL URL); waits for its URL. */
export function startSandboxChild(
  location: string,
  env: NodeJS.ProcessEnv = {},
  options: { selfApprove?: boolean } = {},
): Promise<SandboxChild> {
  return new Promise((resolve, reject) => {
    const args = [script, location, ...(options.selfApprove ? ['self-approve'] : [])];
    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    const ended = (signal: NodeJS.Signals) => () =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once('exit', () => done());
        proc.kill(signal);
      });
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        const { url } = JSON.parse(line) as { url: string };
        resolve({ url, process: proc, kill: ended('SIGKILL'), stop: ended('SIGTERM') });
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    proc.on('exit', (code) => reject(new Error(`sandbox exited (${code}): ${err}`)));
  });
}
