import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LintConfig, lintWorkspace, rules } from '@unsilo/sdk/catalog';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli';

const rulesRoot = join(repoRoot, 'test/fixtures/catalog/rules');
const cleanRoot = join(repoRoot, 'test/fixtures/catalog/clean');
const expected = JSON.parse(readFileSync(join(rulesRoot, 'expected.json'), 'utf8')) as Record<
  string,
  Array<{ file: string; rule: string; severity: string; line: number; column: number }>
>;

function readWorkspace(directory: string) {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(join(directory, name), 'utf8') }));
}

describe('rule fixtures (test/fixtures/catalog/rules)', () => {
  it('has a fixture workspace for every rule', () => {
    const directories = readdirSync(rulesRoot).filter((name) => !name.endsWith('.json'));
    expect(directories.sort()).toEqual(rules.map((rule) => rule.id.replace('/', '-')).sort());
  });

  for (const rule of rules) {
    const directory = rule.id.replace('/', '-');
    it(`${rule.id}: the fixture triggers it, with exactly the expected diagnostics`, () => {
      // A fixture may bring the lint config it needs (config.json: a systems registry, say); an opt-in rule is off
      // by default, so its fixture lints with the rule turned on.
      const configFile = join(rulesRoot, directory, 'config.json');
      const config: LintConfig = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
      if (rule.optIn) config.rules = { ...config.rules, [rule.id]: rule.severity };
      const result = lintWorkspace(readWorkspace(join(rulesRoot, directory)), { config });
      const actual = result.diagnostics.map((d) => ({
        file: d.file,
        rule: d.rule,
        severity: d.severity,
        line: d.range.start.line,
        column: d.range.start.column,
      }));
      expect(actual.some((d) => d.rule === rule.id)).toBe(true);
      expect(actual).toEqual(expected[directory]);
    });
  }
});

describe('clean workspace (test/fixtures/catalog/clean)', () => {
  const files = readWorkspace(cleanRoot);

  it('holds at least 20 entries from several departments', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    const providers = new Set(files.map((file) => /\n {2}name: (.+)\n/.exec(file.text)?.[1]));
    expect(providers.size).toBeGreaterThanOrEqual(6);
  });

  it('lints clean, cross-file rules included', () => {
    const result = lintWorkspace(files);
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({ files: files.length, errors: 0, warnings: 0, infos: 0 });
  });
});
