import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliArgs, runCli } from '../helpers/cli';
import { describeWithPostgres } from '../helpers/describe-with-postgres';
import { type RunningPostgres, startPostgres } from '../helpers/postgres';

/** Runs `unsilo sandbox ARGS…` until it prints its banner, then stops it with SIGTERM; its output. */
async function bannerOf(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; code: number | null }> {
  const child = spawn(process.execPath, cliArgs(['sandbox', ...args]), {
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (stdout.includes('Ctrl+C')) child.kill('SIGTERM');
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (!stdout.includes('Ctrl+C')) throw new Error(`exited ${code}: ${stderr}`);
  return { stdout, code };
}

it('refuses --database with --data or --memory, and a URL that is not postgres://, with exit status 2', async () => {
  for (const other of [['--memory'], ['--data', 'x.db']]) {
    const result = await runCli(['sandbox', '--database', 'postgres://me:hunter2@127.0.0.1/x', ...other]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage.conflict');
    expect(result.stderr).toContain('--database excludes --data and --memory');
  }
  const wrong = await runCli(['sandbox', '--database', 'mysql://me:hunter2@127.0.0.1/x']);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('usage.database');
  expect(wrong.stderr).not.toContain('hunter2');
});

describeWithPostgres('unsilo sandbox --database', () => {
  let cluster: RunningPostgres;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(() => cluster?.stop());

  it('starts on PostgreSQL and shows the database URL without its password', async () => {
    const url = cluster.createDatabase('cli_database');
    const withPassword = url.replace('postgres@', 'postgres:hunter2-secret@');
    const sealingKey = randomBytes(32).toString('base64');

    const noKey = await runCli(['sandbox', '--port', '0', '--database', withPassword], {
      env: { UNSILO_SEALING_KEY: '', LANG: 'en_US.UTF-8' },
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('sandbox.sealing_key');
    expect(noKey.stderr).toContain('UNSILO_SEALING_KEY');
    expect(noKey.stderr + noKey.stdout).not.toContain('hunter2');

    const first = await bannerOf(['--port', '0', '--database', withPassword], {
      UNSILO_SEALING_KEY: sealingKey,
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Database (PostgreSQL): ${url}\n`);
    expect(first.stdout).toContain('Sealing key: UNSILO_SEALING_KEY\n');
    expect(first.stdout).not.toContain('hunter2');

    // From the environment, on the same database: nothing is re-seeded.
    const again = await bannerOf(['--port', '0'], {
      UNSILO_SEALING_KEY: sealingKey,
      UNSILO_DATABASE_URL: withPassword,
    });
    expect(again.stdout).toContain(`Database (PostgreSQL): ${url}\n`);
    expect(again.stdout).toContain('Existing data kept');
    expect(again.stdout).not.toContain('hunter2');
  }, 60_000);
});
