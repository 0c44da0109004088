import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config';
import { isCatalogEntryText } from './detect';
import { lintEntry, lintText, lintWorkspace } from './engine';
import { formatMessage } from './messages';
import { parseCatalogFile } from './parse';
import type { RuleReport } from './rule';
import { ruleDefinitions, rules } from './rules/index';
import { VALID_ENTRY, vary } from './rules/testing';
import type { Diagnostic, EntryPath, SourceFile } from './types';
import { WorkspaceModel } from './workspace';

/**
 * The engine in one pass, every tree held at once: what `lintWorkspace` must agree with although it keeps
 * no trees and parses a file again only when a whole-workspace rule reports on it.
 */
function lintInOnePass(files: readonly SourceFile[]): Diagnostic[] {
  const parsed = files.map((file) => parseCatalogFile(file.path, file.text));
  const workspace = new WorkspaceModel();
  const facts = parsed.map((file) => (file.entry ? workspace.add(file) : undefined));
  return parsed.flatMap((file, index) => {
    if (file.diagnostics.length > 0) return file.diagnostics;
    if (!file.entry) return lintWorkspace([files[index]!]).diagnostics;
    const diagnostics: Diagnostic[] = [];
    // The errors of per-file rules, by path: what `hasError` tells schema/contract (workspace rules run later).
    const errorPaths: string[] = [];
    const hasError = (path: EntryPath) =>
      errorPaths.some((reported) => reported === path.join('/') || reported.startsWith(`${path.join('/')}/`));
    for (const rule of ruleDefinitions) {
      if (rule.optIn) continue; // off without a config that names it
      const report = ({ at, part, message, fixes }: RuleReport) => {
        if (rule.scope === 'file' && rule.severity === 'error') errorPaths.push(at.join('/'));
        diagnostics.push({
          file: file.path,
          rule: rule.id,
          severity: rule.severity,
          message,
          range: file.rangeOf(at, part),
          fixes: fixes ?? [],
        });
      };
      rule.check({ file, config: resolveConfig(), report, hasError, workspace, self: facts[index]! });
    }
    return diagnostics.sort(
      (a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule),
    );
  });
}

describe('lintWorkspace', () => {
  it('returns diagnostics in the lint JSON shape, with a bilingual message and 1-based positions', () => {
    const result = lintWorkspace([
      { path: 'catalog/a.yaml', text: vary('updateCycle: daily', 'updateCycle: 每日') },
    ]);
    expect(result.summary).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0 });
    const [diagnostic] = result.diagnostics;
    expect(diagnostic).toMatchObject({
      file: 'catalog/a.yaml',
      rule: 'schema/enum',
      severity: 'error',
      range: { start: { line: 24, column: 14 }, end: { line: 24, column: 16 } },
    });
    expect(formatMessage(diagnostic!, 'zh')).toMatch(/^「每日」不是 updateCycle 的有效取值，应写作 daily/);
    expect(formatMessage(diagnostic!, 'en')).toMatch(/^"每日" is not a valid updateCycle; write daily/);
  });

  it('skips files of other kinds (field mappings, configs)', () => {
    const mapping = 'apiVersion: unsilo/v1\nkind: FieldMapping\nresource: "x"\n';
    expect(lintWorkspace([{ path: 'm.yaml', text: mapping }])).toEqual({
      diagnostics: [],
      summary: { files: 0, errors: 0, warnings: 0, infos: 0 },
    });
  });
});

describe('lintWorkspace, one file at a time', () => {
  const entry = (code: string, name: string, extra = '') =>
    `${vary('name: 户籍人口基本信息', `name: ${name}`, vary('"307001030801/000012"', `"${code}"`))}${extra}`;
  const workspace: SourceFile[] = [
    // Per-file and workspace findings interleave by position: code/duplicate (line 3) comes before
    // name/whitespace (line 4) and schema/enum (line 24).
    {
      path: 'a.yaml',
      text: vary('updateCycle: daily', 'updateCycle: 每日', entry('307001030801/000001', ' 户籍 ')),
    },
    {
      path: 'b.yaml',
      text: entry('307001030801/000001', '户籍', 'related: "307001030801/000009, 307001030801/000001"\n'),
    },
    {
      path: 'c.yaml',
      text: entry('307001030801/000001', '户籍　信息', 'related: [ 307001030801/000002, 42 ]\n'),
    },
    // Left to the complete YAML parser (an anchor) and still found again at the same place.
    {
      path: 'anchors.yaml',
      text: entry('307001030801/000002', '户籍', 'x-note: &n 注\nx-again: *n\n'),
    },
    // Another provider claiming gmsfhm, without a code of its own: named by its name.
    {
      path: 'mz.yaml',
      text: vary(
        '  code: "11330100MB0000019K"',
        '',
        vary('某市公安局', '某市民政局', entry('307001030801/000003', '婚姻')),
      ),
    },
    // Not entries, so not in the workspace: a syntax error, a list, another kind.
    { path: 'broken.yaml', text: 'code: "307001030801/000003"\nname: [\n' },
    { path: 'list.yaml', text: '- code: 307001030801/000003\n' },
    {
      path: 'mapping.yaml',
      text: 'apiVersion: unsilo/v1\nkind: FieldMapping\ncode: "307001030801/000003"\n',
    },
    // The same path twice is two files.
    { path: 'b.yaml', text: entry('307001030801/000004', '户籍') },
  ];

  it('finds what a single pass over every tree finds, in the same order', () => {
    const result = lintWorkspace(workspace);
    expect(result.diagnostics).toEqual(
      lintInOnePass(workspace.filter((file) => file.path !== 'mapping.yaml')),
    );
    const workspaceRules = new Set([
      'code/duplicate',
      'name/duplicate',
      'related/unresolved',
      'single-source/conflict',
    ]);
    expect(
      result.diagnostics
        .filter((d) => workspaceRules.has(d.rule))
        .map((d) => [d.file, d.rule, d.range.start.line]),
    ).toEqual([
      ['a.yaml', 'code/duplicate', 3],
      ['a.yaml', 'name/duplicate', 4],
      ['a.yaml', 'single-source/conflict', 14],
      ['b.yaml', 'code/duplicate', 3],
      ['b.yaml', 'name/duplicate', 4],
      ['b.yaml', 'single-source/conflict', 14],
      ['b.yaml', 'related/unresolved', 26],
      ['c.yaml', 'code/duplicate', 3],
      ['c.yaml', 'single-source/conflict', 14],
      ['c.yaml', 'related/unresolved', 26],
      ['anchors.yaml', 'name/duplicate', 4],
      ['anchors.yaml', 'single-source/conflict', 14],
      ['mz.yaml', 'single-source/conflict', 13],
      ['b.yaml', 'name/duplicate', 4],
      ['b.yaml', 'single-source/conflict', 14],
    ]);
    expect(result.summary.files).toBe(8);
  });

  it('keeps the order of files and of findings when a config turns rules off or ignores files', () => {
    const config = { rules: { 'name/duplicate': 'off' as const }, ignore: ['c.yaml'] };
    const kept = workspace.filter((file) => file.path !== 'c.yaml' && file.path !== 'mapping.yaml');
    expect(lintWorkspace(workspace, { config }).diagnostics).toEqual(
      lintInOnePass(kept).filter((d) => d.rule !== 'name/duplicate'),
    );
  });
});

describe('a 10 MB file', () => {
  it('lints without trouble and still points at the exact line', () => {
    const items: string[] = [];
    let size = VALID_ENTRY.length;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const line = `  - { name: 信息项${i}, key: k${i}, type: C, length: 20 }\n`;
      items.push(line);
      size += line.length;
    }
    items.push('  - { name: 信息项7, key: k7, type: C, length: 20 }\n');
    const text = VALID_ENTRY.replace('items:\n', `items:\n${items.join('')}`);
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024 - 1);
    const result = lintWorkspace([{ path: 'big.yaml', text }]);
    const line = 14 + items.length - 1;
    expect(result.diagnostics.map((d) => [d.rule, d.range.start.line])).toEqual([
      ['items/duplicate', line],
      ['items/duplicate', line],
    ]);
  }, 180_000);
});

describe('lintText', () => {
  it('lints one file and sees the rest of the workspace for cross-file rules', () => {
    const other = vary('name: 户籍人口基本信息', 'name: 另一个资源名称');
    const alone = lintText('a.yaml', VALID_ENTRY);
    expect(alone.diagnostics).toEqual([]);
    const withOther = lintText('a.yaml', VALID_ENTRY, { workspace: [{ path: 'b.yaml', text: other }] });
    expect(withOther.diagnostics.map((d) => [d.file, d.rule])).toEqual([['a.yaml', 'code/duplicate']]);
    expect(withOther.summary.files).toBe(1);
  });

  it('reports nothing for a file the config ignores', () => {
    const result = lintText('legacy/a.yaml', 'broken: [', { config: { ignore: ['legacy/**'] } });
    expect(result).toEqual({ diagnostics: [], summary: { files: 0, errors: 0, warnings: 0, infos: 0 } });
  });
});

describe('rules registry', () => {
  it('lists every rule with a description in both languages and a docs link', () => {
    expect(rules).toHaveLength(41);
    for (const rule of rules) {
      expect(rule.description.zh).not.toBe('');
      expect(rule.description.en).not.toBe('');
      expect(rule.docsUrl).toMatch(/^https:\/\//);
    }
    expect(rules.filter((rule) => rule.hasFix).map((rule) => rule.id)).toEqual([
      'schema/required',
      'schema/unknown-field',
      'schema/enum',
      'code/class-mismatch',
      'name/whitespace',
      'classification/library-unknown',
      'share/service-as-file',
      'share/personal-data-unconditional',
      'open/requires-share',
      'open/wider-than-share',
      'items/identifier-format',
      'items/codeset-unknown',
      'items/codeset-suggested',
      'items/element-unknown',
      'items/element-suggested',
      'date/format',
    ]);
  });
});

describe('isCatalogEntryText', () => {
  it('recognises catalogue entries by apiVersion and kind', () => {
    expect(isCatalogEntryText(VALID_ENTRY)).toBe(true);
    expect(isCatalogEntryText('apiVersion: unsilo/v1\nkind: FieldMapping\n')).toBe(false);
    expect(isCatalogEntryText('kind: \'InformationResource\'\napiVersion: "unsilo/v1" # v1\n')).toBe(true);
  });
});

describe('lintEntry', () => {
  const entry = () => parseCatalogFile('entry.yaml', VALID_ENTRY).entry as Record<string, unknown>;

  it('lints a parsed entry with the rules of lintText, pointing by path, with no range and no fix', () => {
    expect(lintEntry('entry.json', entry())).toEqual({
      diagnostics: [],
      summary: { files: 1, errors: 0, warnings: 0, infos: 0 },
    });
    const value = { ...entry(), updateCycle: '每日', name: ' 户籍 ' };
    const result = lintEntry('entry.json', value);
    expect(result.diagnostics.map((d) => [d.rule, d.path, d.fixes])).toEqual([
      ['name/whitespace', 'name', []],
      ['schema/enum', 'updateCycle', []],
    ]);
    expect(result.diagnostics[0]!.range.start).toEqual({ line: 1, column: 1, offset: 0 });
    const text = lintText('entry.yaml', VALID_ENTRY.replace('updateCycle: daily', 'updateCycle: 每日'));
    expect(text.diagnostics[0]!.message).toEqual(result.diagnostics[1]!.message);
  });

  it('judges an entry against a workspace of values and of texts', () => {
    const other = { ...entry(), name: '另一个资源' };
    const result = lintEntry('entry.json', entry(), {
      workspace: [
        { path: 'other.json', entry: other },
        {
          path: 'third.yaml',
          text: VALID_ENTRY.replace('000012', '000013').replace('户籍人口基本信息', '第三个'),
        },
      ],
    });
    expect(result.diagnostics.map((d) => [d.rule, d.path])).toEqual([['code/duplicate', 'code']]);
  });

  it('lints the value as an entry whatever its kind says', () => {
    const result = lintEntry('entry.json', { ...entry(), kind: 'FieldMapping' });
    expect(result.diagnostics.map((d) => [d.rule, d.path])).toEqual([['schema/enum', 'kind']]);
    expect(lintEntry('entry.json', [1, 2]).diagnostics.map((d) => [d.rule, d.path])).toEqual([
      ['schema/required', ''],
    ]);
  });
});
