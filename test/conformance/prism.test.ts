import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCodeRange, readCredentialsFile, runConformance } from '@unsilo/sdk/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';
import {
  MOCK_CODE_RANGE,
  MOCK_SECTION_HEADING,
  mockFailuresListed,
  placeholderCredentialsFile,
  type RunningPrism,
  startPrism,
} from './support/prism';

/** The check ids docs/conformance.md lists in its section on what a static mock fails. */
function listedInDocs(): string[] {
  const listed = mockFailuresListed(readFileSync(join(repoRoot, 'docs/conformance.md'), 'utf8'));
  if (!listed) throw new Error(`docs/conformance.md has no section "${MOCK_SECTION_HEADING}"`);
  return listed;
}

describe('unsilo conformance against a static Prism mock of the contract', () => {
  let prism: RunningPrism;
  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(async () => {
    await prism?.close();
  });

  it('passes the pre-flight step and fails (or skips) exactly the checks the docs list', async () => {
    const report = await runConformance({
      baseUrl: prism.url,
      credentials: readCredentialsFile(placeholderCredentialsFile),
      codeRange: parseCodeRange(MOCK_CODE_RANGE),
    });
    expect(report.couldNotRun).toBeUndefined();
    const notPassed = report.results.filter((r) => r.outcome !== 'pass').map((r) => r.id);
    const listed = listedInDocs();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...notPassed].sort()).toEqual([...listed].sort());
    // The mock answers tokens and who-am-I from its examples: the checks of a plain success pass there too.
    expect(report.results.filter((r) => r.outcome === 'pass').map((r) => r.id)).toContain('auth/token-grant');
  });

  it('writes JUnit XML with one failure per listed check and exits 1, through the CLI', async () => {
    const run = await runCli([
      'conformance',
      '--base-url',
      prism.url,
      '--credentials',
      placeholderCredentialsFile,
      '--code-range',
      MOCK_CODE_RANGE,
      '--format',
      'junit',
    ]);
    expect(run.code).toBe(1);
    const failures = [
      ...run.stdout.matchAll(/<testcase classname="[^"]*" name="([^":]+):[^>]*>\s*<failure /g),
    ];
    const skipped = [
      ...run.stdout.matchAll(/<testcase classname="[^"]*" name="([^":]+):[^>]*>\s*<skipped /g),
    ];
    expect([...failures, ...skipped].map((m) => m[1]).sort()).toEqual(listedInDocs().sort());
    expect(run.stdout).toMatch(
      new RegExp(`<testsuites name="unsilo conformance" [^>]*failures="${failures.length}"`),
    );
  });
});
