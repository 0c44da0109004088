import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgs, runCli } from '../helpers/cli';
import { credentialsOf } from './support/demo';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-cli-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `unsilo sandbox …` until it prints its URL, lets the test use it, then stops it with SIGTERM. */
async function withRunningSandbox(args: string[], use: (url: string, stdout: () => string) => Promise<void>) {
  const child = spawn(process.execPath, cliArgs(['sandbox', ...args]), {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match && stdout.includes('Ctrl+C')) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${stderr}`));
    });
  });
  try {
    await use(url, () => stdout);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  return { stdout, stderr };
}

describe('unsilo sandbox', () => {
  it('starts on a data file, prints the URL, the client ids and where the secrets are — never a secret', async () => {
    const { stdout } = await withRunningSandbox(['--port', '0', '--data', 'exchange.db'], async (url) => {
      const health = await fetch(`${url}/v1/health`);
      expect(health.status).toBe(200);
    });
    expect(stdout).toContain(join(dir, 'exchange.db'));
    for (const department of [
      'gongan',
      'minzheng',
      'renshe',
      'shichang',
      'dashuju',
      'vendor-demo',
    ] as const) {
      expect(stdout).toContain(credentialsOf(department).clientId);
      expect(stdout).not.toContain(credentialsOf(department).clientSecret);
    }
    expect(stdout).toMatch(/seed[/\\]demo\.yaml/);

    // Restarted on the same file: the data is kept and nothing is re-seeded.
    const again = await withRunningSandbox(['--port', '0', '--data', 'exchange.db'], async () => undefined);
    expect(again.stdout).toContain('Existing data kept');
  }, 60_000);

  it('runs in memory and logs requests without headers or bodies', async () => {
    const { stdout } = await withRunningSandbox(['--port', '0', '--memory', '--log'], async (url) => {
      const { clientId, clientSecret } = credentialsOf('gongan');
      const token = await fetch(`${url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
      });
      const { access_token } = (await token.json()) as { access_token: string };
      await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${access_token}` } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(access_token.length).toBeGreaterThan(20);
    });
    expect(stdout).toContain('(in memory, lost on exit)');
    expect(stdout).toContain('"url":"/v1/me"');
    expect(stdout).not.toContain(credentialsOf('gongan').clientSecret);
    expect(stdout).not.toMatch(/authorization/i);
  }, 60_000);

  it('takes the sealing key from --sealing-key-file and rotates the receipt key with --rotate-receipt-key', async () => {
    const keyFile = join(dir, 'sealing.key');
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const args = ['--port', '0', '--data', 'keys.db', '--sealing-key-file', keyFile];
    let firstKid = '';
    const first = await withRunningSandbox(args, async (url) => {
      firstKid = (
        (await (await fetch(`${url}/v1/.well-known/receipt-keys`)).json()) as { keys: Array<{ kid: string }> }
      ).keys[0]!.kid;
    });
    expect(first.stdout).toContain(`Sealing key: ${keyFile}\n`);
    expect(existsSync(join(dir, 'keys.db.key'))).toBe(false);

    let kids: string[] = [];
    const rotated = await withRunningSandbox([...args, '--rotate-receipt-key'], async (url) => {
      const jwks = (await (await fetch(`${url}/v1/.well-known/receipt-keys`)).json()) as {
        keys: Array<{ kid: string }>;
      };
      kids = jwks.keys.map((key) => key.kid);
    });
    expect(kids).toHaveLength(2);
    expect(kids[0]).toBe(firstKid);
    expect(rotated.stdout).toContain(`Receipt key rotated, now signing with ${kids[1]}\n`);
  }, 60_000);

  it('refuses contradictory options with exit status 2', async () => {
    const result = await runCli(['sandbox', '--memory', '--data', 'x.db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage.conflict');
    const port = await runCli(['sandbox', '--port', 'abc']);
    expect(port.code).toBe(2);
  });
});
