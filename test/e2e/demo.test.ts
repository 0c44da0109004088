import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli';

interface DemoSummary {
  rows: number;
  minzheng: { read: number; accepted: number; rejected: number };
  rejectReasons: Array<{ rule: string; field: string; count: number; row: number | null }>;
  receipts: { verified: number; total: number };
  gongan: { read: number; accepted: number; rejected: number };
  shichang: { read: number; accepted: number; rejected: number };
  person: { id: string; name: string; seen: Array<{ department: string; legacy: string; standard: string }> };
  conflicts: string[];
}

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-demo-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `npm run demo` as the README describes it, from the sources and with 1,000 rows. */
function runDemo(): Promise<{ code: number | null; stdout: string; summary: DemoSummary }> {
  const summaryFile = join(scratch, 'summary.json');
  const tsx = join(repoRoot, 'node_modules/tsx/dist/loader.mjs');
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, 'examples/demo/run.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', DEMO_ROWS: '1000', DEMO_SUMMARY_FILE: summaryFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoSummary }),
    );
  });
}

describe('npm run demo', () => {
  let demo: Awaited<ReturnType<typeof runDemo>>;
  beforeAll(async () => {
    demo = await runDemo();
  }, 180_000);

  it('ends well, and says what to do next', () => {
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('docs/tutorial.md');
  });

  it('syncs 民政局’s export with its rejects, and names the reasons with a row each', () => {
    expect(demo.summary.minzheng).toEqual({ read: 1000, accepted: 998, rejected: 2 });
    // Row 43 carries sex code 3, row 100 the 30th of February (the 15-digit ID of row 8 is upgraded, not rejected).
    expect(demo.summary.rejectReasons).toEqual([
      { rule: 'codes', field: 'xb', count: 1, row: 43 },
      { rule: 'date', field: 'csrq', count: 1, row: 100 },
    ]);
    expect(demo.stdout).toMatch(/Every rejected row with its reasons: \S+population\.rejects\.ndjson/);
    expect(demo.summary.receipts.verified).toBe(demo.summary.receipts.total);
    expect(demo.summary.receipts.total).toBeGreaterThanOrEqual(2);
  });

  it('brings 公安局’s register and 市场监管局’s registry in with their defects rejected', () => {
    expect(demo.summary.gongan).toEqual({ read: 1000, accepted: 996, rejected: 4 });
    expect(demo.summary.shichang).toEqual({ read: 1000, accepted: 998, rejected: 2 });
  });

  it('shows one person’s sex from 1/2, 0/1 and M/F as one standard code, read back from the exchange', () => {
    expect(demo.summary.person.seen.map((s) => [s.department, s.legacy, s.standard])).toEqual([
      ['民政局', '2', '2'],
      ['公安局', '1', '2'],
      ['市场监管局', 'F', '2'],
    ]);
  });

  it('shows where 公安局 and 民政局 disagree on the same people, with the authoritative source and an example', () => {
    // The register corrected three names and moved two residents (examples/demo/three-departments.ts); 989
    // people are in both: 1,000 less the rows either side rejected and the 5 民政局 deleted in its second run.
    expect(demo.summary.conflicts).toEqual([
      '307001030801/000012 某市公安局 ↔ 307002010101/000001 某市民政局：共同主体 989（person.id-number）',
      '  person.name（xm/xm）：3/989 不一致，权威来源 307001030801/000012 某市公安局 330108********0008 "朱华" ≠ "朱秀"',
      '  person.sex（xb/xb）：0/989 不一致，权威来源 未指定',
      '  person.birth-date（csrq/csrq）：0/989 不一致，权威来源 未指定',
      '  person.household-region（hjdq/hjdq）：2/989 不一致，权威来源 307001030801/000012 某市公安局 330127********0006 "330106" ≠ "330127"',
    ]);
    expect(demo.stdout).toContain('$ unsilo quality conflicts --lang zh');
  });

  it('removes its work folder at the end', () => {
    const work = /work folder \(removed at the end; DEMO_KEEP=1 keeps it\): (\S+)/.exec(demo.stdout)?.[1];
    expect(work).toMatch(/unsilo-demo-/);
    expect(existsSync(work!)).toBe(false);
  });
});
