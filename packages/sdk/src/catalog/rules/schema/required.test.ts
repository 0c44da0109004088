import { describe, expect, it } from 'vitest';
import { lintWorkspace } from '../../engine';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';

describe('schema/required', () => {
  it('passes a complete entry', () => {
    expect(check('schema/required', VALID_ENTRY)).toEqual([]);
  });

  it('reports a missing top-level field at the end of the entry, where the fix inserts it, naming it first', () => {
    const text = vary('summary: 全市户籍人口的登记信息，包括身份、出生、户籍地址等。', '');
    const [diagnostic] = check('schema/required', text);
    expect(diagnostic?.message.en).toBe('`summary` is missing: Summary is required');
    expect(diagnostic?.message.zh).toBe('缺少必填字段 `summary`：信息资源摘要必须填写');
    // Not line 1 (`apiVersion`, which is right): a zero-width mark after the last line, `publishedAt: 2019-05-10`.
    const last = text.trimEnd().split('\n');
    expect(at(diagnostic)).toBe(`${last.length}:${last.at(-1)!.length + 1}`);
    expect(diagnostic?.range.end.offset).toBe(diagnostic?.range.start.offset);
    expect(fixed('schema/required', text)).toContain('publishedAt: 2019-05-10\nsummary: TODO');
  });

  it('points at the parent key when a nested field is missing, and fixes flow and block maps', () => {
    const block = vary('  code: "11330100MB0000019K"', '');
    const [provider] = check('schema/required', block);
    expect(at(provider)).toBe('5:1');
    expect(provider?.range.end.column).toBe('provider'.length + 1);
    expect(provider?.message.en).toBe('`provider.code` is missing: Provider code is required');
    expect(fixed('schema/required', block)).toContain('  name: 某市公安局\n  code: TODO\n');
    const flow = vary('format: { class: database, type: oracle }', 'format: { type: oracle }');
    expect(fixed('schema/required', flow)).toContain('format: { type: oracle, class: TODO }');
  });

  it('points at the first line of the item whose name is missing', () => {
    const text = vary(
      '  - { name: 姓名, key: xm, type: C, length: 50 }',
      '  - key: xm\n    type: C\n    length: 50',
    );
    const [diagnostic] = check('schema/required', text);
    expect(diagnostic?.message.en).toBe('`items[1].name` is missing: Item name is required');
    expect(diagnostic?.message.zh).toBe('缺少必填字段 `items[1].name`：信息项名称必须填写');
    const line = text.split('\n').indexOf('  - key: xm') + 1;
    expect([diagnostic?.range.start.line, diagnostic?.range.start.column]).toEqual([line, 5]);
    expect([diagnostic?.range.end.line, diagnostic?.range.end.column]).toEqual([
      line,
      '  - key: xm'.length + 1,
    ]);
  });

  it('creates a missing parent map', () => {
    const text = vary('open:\n  type: none', '');
    expect(check('schema/required', text)[0]?.message.en).toBe(
      '`open.type` is missing: Open type is required',
    );
    expect(fixed('schema/required', text)).toMatch(/publishedAt: 2019-05-10\nopen:\n {2}type: TODO\n$/);
  });

  it('requires items for database, spreadsheet and service formats only, and says which format asks', () => {
    const noItems = VALID_ENTRY.replace(/items:\n(?: {2}- .*\n)+/, '');
    expect(check('schema/required', noItems).map((d) => [d.message.en, d.message.zh])).toEqual([
      [
        '`items` is missing: a resource in database format must list its information items',
        '缺少必填字段 `items`：数据库格式的资源须列出信息项',
      ],
    ]);
    const file = noItems.replace('{ class: database, type: oracle }', '{ class: file, type: pdf }');
    expect(check('schema/required', file)).toEqual([]);
  });

  it('reports an empty value and a left-over placeholder without offering to insert again', () => {
    const empty = check('schema/required', vary('name: 户籍人口基本信息', 'name: ""'));
    expect(empty[0]?.message.en).toBe('`name` is empty: Resource name is required');
    expect(empty[0]?.message.zh).toBe('必填字段 `name` 为空：信息资源名称必须填写');
    expect(empty[0]?.fixes).toEqual([]);
    const placeholder = check('schema/required', vary('name: 户籍人口基本信息', 'name: TODO'));
    expect(placeholder[0]?.message.en).toBe(
      '`name` (Resource name) is still the placeholder TODO; fill it in',
    );
  });

  it('reports a file that is not a mapping', () => {
    const result = lintWorkspace([{ path: 'list.yaml', text: '- a\n- b\n' }]);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['schema/required']);
  });
});
