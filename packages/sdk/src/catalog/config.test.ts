import { describe, expect, it } from 'vitest';
import { timeZoneOf } from '../workspace/config-file';
import { parseConfig } from './config';
import { lintWorkspace } from './engine';
import { createGlobMatcher } from './glob';
import { VALID_ENTRY, vary } from './rules/testing';

describe('parseConfig', () => {
  it('reads severities, allow-lists and ignores from the lint section', () => {
    const { config, problems } = parseConfig(
      [
        'exchange: { url: "http://127.0.0.1:8080" }',
        'lint:',
        '  rules:',
        '    name/whitespace: off',
        '    items/length-required: error',
        '  allow:',
        '    providerCodes: ["91350100M0001TGQXM"]',
        '  ignore: ["legacy/**", "*.draft.yaml"]',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(config).toEqual({
      rules: { 'name/whitespace': 'off', 'items/length-required': 'error' },
      allow: { providerCodes: ['91350100M0001TGQXM'] },
      ignore: ['legacy/**', '*.draft.yaml'],
    });
  });

  it('reports unknown rules, bad severities and broken YAML with positions', () => {
    const { problems } = parseConfig('lint:\n  rules:\n    no/such-rule: error\n    name/whitespace: loud\n');
    expect(problems.map((p) => [p.range.start.line, p.message.en])).toEqual([
      [3, 'unknown rule "no/such-rule"'],
      [4, 'invalid severity "loud" for "name/whitespace" (off, info, warning, error)'],
    ]);
    expect(parseConfig('lint: [').problems[0]?.message.zh).toContain('语法错误');
  });

  it('reports a config nested too deep or too large instead of overflowing the stack', () => {
    const deep = parseConfig(`lint: ${'['.repeat(100_000)}`);
    expect(deep.config).toEqual({});
    expect(deep.problems.map((problem) => problem.message.en)).toEqual([
      'the config nests deeper than 64 levels and was not read',
    ]);
    expect(deep.problems[0]!.range.start).toMatchObject({ line: 1, column: 70 });
    expect(timeZoneOf(`timeZone: Asia/Urumqi\nx: ${'['.repeat(100_000)}`)).toEqual({
      timeZone: 'Asia/Shanghai',
    });
    const large = parseConfig(`# ${'x'.repeat(16 * 1024 * 1024)}\n`);
    expect(large.problems.map((problem) => problem.message.en)).toEqual([
      'the config is larger than 16 MiB and was not read (keep large lists in a file named by { file: … })',
    ]);
  });

  it("reads the city's libraries and its time zone", () => {
    const { config, problems } = parseConfig(
      [
        'timeZone: Asia/Urumqi',
        'lint:',
        '  libraries:',
        '    basic: [城市部件]',
        '    theme: [智慧停车, " 文旅 "]',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(config).toEqual({
      timeZone: 'Asia/Urumqi',
      libraries: { basic: ['城市部件'], theme: ['智慧停车', '文旅'] },
    });
    expect(parseConfig('timeZone: Mars/Olympus\n').config).toEqual({});
  });

  it('reports malformed libraries', () => {
    const { config, problems } = parseConfig('lint:\n  libraries:\n    basic: 城市部件\n    topics: [x]\n');
    expect(problems.map((p) => [p.range.start.line, p.message.en])).toEqual([
      [3, 'lint.libraries.basic is invalid: only basic and theme, each a list of library names'],
      [4, 'lint.libraries.topics is invalid: only basic and theme, each a list of library names'],
    ]);
    expect(config).toEqual({ libraries: {} });
    expect(parseConfig('lint:\n  libraries: [a]\n').problems[0]?.message.en).toBe(
      'lint.libraries must be a mapping (basic, theme: lists of library names)',
    );
  });

  it('changes what the linter reports', () => {
    const text = vary('name: 户籍人口基本信息', 'name: "户籍人口基本信息 "');
    const files = [
      { path: 'catalog/a.yaml', text },
      { path: 'legacy/b.yaml', text: 'broken: [' },
    ];
    expect(lintWorkspace(files).diagnostics.map((d) => d.rule)).toEqual(['name/whitespace', 'yaml/syntax']);
    const { config } = parseConfig('lint:\n  rules: { name/whitespace: error }\n  ignore: ["legacy/**"]\n');
    const result = lintWorkspace(files, { config });
    expect(result.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['name/whitespace', 'error']]);
    expect(result.summary).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0 });
    expect(lintWorkspace([{ path: 'a.yaml', text: VALID_ENTRY }], { config }).summary.errors).toBe(0);
  });
});

describe('createGlobMatcher', () => {
  it('matches **, *, ? and {a,b}, and bare names in any directory', () => {
    const match = createGlobMatcher(['legacy/**', '*.draft.yaml', 'catalog/20??/{a,b}.yaml']);
    expect(match('legacy/x/y.yaml')).toBe(true);
    expect(match('./legacy/y.yaml')).toBe(true);
    expect(match('catalog/x.draft.yaml')).toBe(true);
    expect(match('catalog/2024/a.yaml')).toBe(true);
    expect(match('catalog/2024/c.yaml')).toBe(false);
    expect(match('catalog/legacy.yaml')).toBe(false);
  });
});
