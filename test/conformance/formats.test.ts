import { demoSeedFile, type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { conformanceChecks } from '@unsilo/sdk/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('unsilo conformance --format', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('junit against the sandbox: JUnit XML with every check a test case and 0 failures, exit 0', async () => {
    const run = await runCli([
      'conformance',
      '--base-url',
      sandbox.url,
      '--seed',
      demoSeedFile,
      '--format',
      'junit',
    ]);
    expect(run.code).toBe(0);
    const n = conformanceChecks.length;
    expect(
      run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="unsilo conformance"'),
    ).toBe(true);
    // A check may skip on the sandbox for a stated reason (e.g. tokens that live too long to wait for expiry).
    expect(run.stdout).toMatch(
      new RegExp(`<testsuite name="unsilo conformance" tests="${n}" failures="0" errors="0" skipped="\\d+"`),
    );
    const cases = [...run.stdout.matchAll(/<testcase classname="([^"]+)" name="([^":]+): /g)];
    expect(cases.map((m) => m[2])).toEqual(conformanceChecks.map((c) => c.id));
    expect(cases.map((m) => m[1])).toEqual(conformanceChecks.map((c) => c.id.split('/')[0]));
    expect(run.stdout).not.toContain('<failure');
  });

  it('pretty against the sandbox: a progress line per check, then the table and the counts', async () => {
    const run = await runCli(['conformance', '--base-url', sandbox.url, '--seed', demoSeedFile]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const n = conformanceChecks.length;
    // A skipped check's reason is on the line below its progress line.
    const progress = lines
      .slice(0, lines.indexOf(''))
      .filter((line) => !line.startsWith(' '))
      .map((line) => line.split('  ').slice(0, 2));
    expect(progress.map(([, id]) => id)).toEqual(conformanceChecks.map((c) => c.id));
    expect(progress.filter(([mark]) => mark !== 'PASS' && mark !== 'SKIP')).toEqual([]);
    expect(lines[lines.indexOf('') + 1]).toMatch(/^id +outcome +ms {2}标题 \/ title$/);
    const skipped = progress.filter(([mark]) => mark === 'SKIP').length;
    expect(lines).toContain(
      `${n - skipped} 通过 / passed, 0 失败 / failed, ${skipped} 跳过 / skipped (${sandbox.url})`,
    );
  });

  it('refuses a format it does not know, exit 2, in Chinese and English', async () => {
    const run = await runCli([
      'conformance',
      '--base-url',
      sandbox.url,
      '--seed',
      demoSeedFile,
      '--format',
      'xml',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--format 只能是 pretty、json 或 junit / --format must be pretty, json or junit (got xml)',
    );
  });
});
