import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import type { ComplianceReport } from '@unsilo/sdk/compliance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

/** A one-line application: GET `path` on the exchange it is given, exit 0 on a 200. */
const fetching = (path: string) => [
  process.execPath,
  '-e',
  `fetch(process.env.UNSILO_BASE_URL + ${JSON.stringify(path)}).then((r) => process.exit(r.status === 200 ? 0 : 3))`,
];

describe('unsilo proxy --check -- command', () => {
  let sandbox: RunningSandbox;
  const dir = mkdtempSync(join(tmpdir(), 'unsilo-proxy-cli-'));
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the command under the proxy, writes both reports and exits 0 when clean', async () => {
    const prefix = join(dir, 'clean');
    const run = await runCli([
      'proxy',
      '--check',
      '--target',
      sandbox.url,
      '--report',
      prefix,
      '--lang',
      'en',
      '--',
      ...fetching('/v1/health'),
    ]);
    expect(run.code).toBe(0);
    expect(existsSync(`${prefix}.html`)).toBe(true);
    const report = JSON.parse(readFileSync(`${prefix}.json`, 'utf8')) as ComplianceReport;
    expect(report.requests.perOperation).toEqual({ getHealth: 1 });
    expect(report.findings).toEqual([]);
    expect(run.stdout).toContain('Compliant');
  });

  it('exits 1 when the application breaks a rule, and the value stays out of the report', async () => {
    const prefix = join(dir, 'leaky');
    const run = await runCli([
      'proxy',
      '--check',
      '--target',
      sandbox.url,
      '--report',
      prefix,
      '--',
      ...fetching('/v1/health?client_secret=s3cr3t-value'),
    ]);
    expect(run.code).toBe(1);
    const json = readFileSync(`${prefix}.json`, 'utf8');
    const html = readFileSync(`${prefix}.html`, 'utf8');
    expect((JSON.parse(json) as ComplianceReport).findings.map((f) => f.rule)).toEqual(['secrets/in-query']);
    expect(json + html + run.stdout).not.toContain('s3cr3t-value');
  });

  it('refuses to start without --check (exit 2)', async () => {
    const run = await runCli([
      'proxy',
      '--target',
      sandbox.url,
      '--lang',
      'en',
      '--',
      ...fetching('/v1/health'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check is required');
  });
});
