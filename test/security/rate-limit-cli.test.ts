import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliArgs, runCli } from '../helpers/cli';

describe('unsilo sandbox --rate-limit', () => {
  it('sets the requests a client may make per minute', async () => {
    const child = spawn(
      process.execPath,
      cliArgs(['sandbox', '--memory', '--port', '0', '--rate-limit', '2']),
      {
        env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
      });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/v1/health`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a value that is not a whole number of requests', async () => {
    const result = await runCli(['sandbox', '--memory', '--rate-limit', 'lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage.rate_limit');
  });
});
