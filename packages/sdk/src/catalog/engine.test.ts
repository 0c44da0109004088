import { describe, expect, it } from 'vitest';
import { isCatalogEntryText } from './detect';
import { lintText, lintWorkspace } from './engine';
import { formatMessage } from './messages';
import { rules } from './rules/index';
import { VALID_ENTRY, vary } from './rules/testing';

describe('lintWorkspace', () => {
  it('returns diagnostics in DESIGN §5 shape, with a bilingual message and 1-based positions', () => {
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
  it('lists every rule of DESIGN §2 with a description in both languages and a docs link', () => {
    expect(rules).toHaveLength(25);
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
      'open/requires-share',
      'items/codeset-unknown',
      'items/codeset-suggested',
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
