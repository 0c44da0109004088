import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringifyEntry } from '@unsilo/sdk/catalog';
import type { CatalogEntry } from '@unsilo/sdk/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { credentialsOf, entryFor } from '../sandbox/support/demo';

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-evaluate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * 民政局 files three entries, one of them 不予共享; 公安局 one, with its summary missing (a required field);
 * the city's target is 40 entries, 10 per department over the two.
 */
function workspace(name: string, config: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const gongan: Record<string, unknown> = { ...entryFor('gongan', 4) };
  delete gongan.summary;
  const entries = [entryFor('minzheng', 1), entryFor('minzheng', 2), entryFor('minzheng', 3, 'none'), gongan];
  for (const [i, entry] of entries.entries())
    writeFileSync(
      join(dir, `entry-${i + 1}.yaml`),
      stringifyEntry(entry as CatalogEntry & Record<string, unknown>),
    );
  writeFileSync(join(dir, 'unsilo.config.yaml'), config);
  return dir;
}

const CONFIG = 'evaluation:\n  weights: { conformance: 0 }\n  targets: { entries: 40 }\n';

interface Output {
  entriesPerDepartment: number;
  city: Record<string, unknown>;
  departments: Array<{
    code: string;
    score: number | null;
    components: Array<{ id: string; score: number | null }>;
  }>;
}

describe('unsilo catalog evaluate', () => {
  it('prints the scores as JSON for the dashboard, with the configured weights and targets', async () => {
    const run = await runCli(['catalog', 'evaluate', workspace('json', CONFIG), '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Output;
    expect(output.entriesPerDepartment).toBe(20);
    expect(output.city).toMatchObject({
      departments: 2,
      entries: 4,
      entriesTarget: 40,
      entriesRatio: 0.1,
      departmentsWithoutEntries: 0,
    });
    const scores = Object.fromEntries(
      output.departments.map((d) => [
        d.code,
        [
          d.score,
          Object.fromEntries(d.components.filter((c) => c.score !== null).map((c) => [c.id, c.score])),
        ],
      ]),
    );
    expect(scores).toEqual({
      // (20×15 + 20×100 + 10×66.7) ÷ 50: 3 of 20 entries, complete, one of three not shared
      [credentialsOf('minzheng').code]: [
        59.3,
        { coverage: 15, completeness: 100, conformance: 100, sharing: 66.7 },
      ],
      // conformance is measured but weighs 0: (20×5 + 20×completeness + 10×100) ÷ 50
      [credentialsOf('gongan').code]: [
        expect.any(Number),
        { coverage: 5, completeness: expect.any(Number), conformance: 0, sharing: 100 },
      ],
    });
    const gongan = output.departments.find((d) => d.code === credentialsOf('gongan').code)!;
    const completeness = gongan.components.find((c) => c.id === 'completeness')!.score!;
    expect(completeness).toBeLessThan(100);
    expect(gongan.score).toBe(Math.round((20 * 5 + 20 * completeness + 10 * 100) / 5) / 10);
    // Each department counts once in the city's mean.
    expect(output.city.score).toBe(Math.round(((59.3 + gongan.score!) / 2) * 10) / 10);
  });

  it('scores every department of the roster, one that filed nothing at 0', async () => {
    const dir = workspace('roster', CONFIG);
    const roster = join(scratch, 'roster.yaml');
    const { name, code } = credentialsOf('minzheng');
    writeFileSync(
      roster,
      `departments:\n  - { name: ${name}, code: ${code} }\n  - { name: 某市审计局, code: 11330100MB0000078K }\n`,
    );
    const run = await runCli(['catalog', 'evaluate', dir, '--roster', roster, '--format', 'json']);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as Output;
    // Two roster departments and 公安局, which files entries without being on the roster: 40 ÷ 3 → 14 each.
    expect(output.entriesPerDepartment).toBe(14);
    expect(output.city).toMatchObject({ departments: 3, departmentsWithoutEntries: 1 });
    const audit = output.departments.at(-1)!;
    expect([audit.code, audit.score]).toEqual(['11330100MB0000078K', 0]);
    expect(audit.components.map((c) => c.score)).toEqual([0, 0, null, null, null, null, null, null]);
  });

  it('prints a table, best first, with the city line', async () => {
    const run = await runCli(['catalog', 'evaluate', workspace('text', CONFIG), '--lang', 'en']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Department\s+Score\s+Entries\s+Coverage\s+Completeness\s+Conformance\s+Freshness/,
    );
    expect(lines[1]).toMatch(/^某市民政局\s+59\.3\s+3\s+15\.0\s+100\.0\s+100\.0\s+—/);
    expect(run.stdout).toContain(
      'City: 2 departments, 0 filed nothing; 4 entries, target 40 (10% reached); mean score',
    );
  });

  it('refuses a config with an unknown component or a negative weight before scoring anything (exit 2)', async () => {
    const dir = workspace('bad', 'evaluation:\n  weights:\n    speed: 10\n    coverage: -5\n');
    const run = await runCli(['catalog', 'evaluate', dir, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unsilo.config.yaml:3:12 未知的评价指标「speed」');
    expect(run.stderr).toContain('unknown component "speed"');
    expect(run.stderr).toContain(
      'unsilo.config.yaml:4:15 指标「coverage」的权重必须是非负数 / the weight of "coverage" must be a non-negative number',
    );
    const report = await runCli(['catalog', 'report', dir, '--out', join(scratch, 'bad.html')]);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('unknown component "speed"');
  });

  it('adds the evaluation section to the report when the config has one, and only then', async () => {
    const out = join(scratch, 'report.html');
    expect(
      (await runCli(['catalog', 'report', workspace('report', CONFIG), '--out', out, '--lang', 'zh'])).code,
    ).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<section class="card evaluation" id="evaluation"><h2>考核评价');
    expect(html).toContain('aria-label="各部门得分"');
    expect(html).toContain('aria-label="目录条目与目标"');
    expect(html).toMatch(/<b style="color:#d64545">59\.3<\/b>/);
    expect(html).not.toMatch(/<script\b/i);

    const json = await runCli(['catalog', 'report', workspace('report-json', CONFIG), '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { evaluation: Output & { notes: unknown[] } };
    expect(report.evaluation.city).toMatchObject({ departments: 2, entries: 4, entriesTarget: 40 });
    expect(report.evaluation.departments[0]!.score).toBe(59.3);

    const plain = join(scratch, 'plain.html');
    expect((await runCli(['catalog', 'report', workspace('plain', 'lint: {}\n'), '--out', plain])).code).toBe(
      0,
    );
    expect(readFileSync(plain, 'utf8')).not.toContain('考核评价');
  });
});
