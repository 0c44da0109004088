import { describe, expect, it } from 'vitest';
import { lintWorkspace } from '../../engine';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';

describe('schema/required', () => {
  it('passes a complete entry', () => {
    expect(check('schema/required', VALID_ENTRY)).toEqual([]);
  });

  it('reports a missing top-level field at the first key and inserts a placeholder at the end', () => {
    const text = vary('summary: 全市户籍人口的登记信息，包括身份、出生、户籍地址等。', '');
    const [diagnostic] = check('schema/required', text);
    expect(diagnostic?.message.en).toBe('missing required field summary (Summary)');
    expect(diagnostic?.message.zh).toBe('缺少必填字段 summary（信息资源摘要）');
    expect(fixed('schema/required', text)).toContain('publishedAt: 2019-05-10\nsummary: TODO');
  });

  it('points at the parent key when a nested field is missing, and fixes flow and block maps', () => {
    const block = vary('  code: "11330100MB0000019K"', '');
    expect(at(check('schema/required', block)[0])).toBe('5:1');
    expect(fixed('schema/required', block)).toContain('  name: 某市公安局\n  code: TODO\n');
    const flow = vary('format: { class: database, type: oracle }', 'format: { type: oracle }');
    expect(fixed('schema/required', flow)).toContain('format: { type: oracle, class: TODO }');
  });

  it('creates a missing parent map', () => {
    const text = vary('open:\n  type: none', '');
    expect(check('schema/required', text)[0]?.message.en).toBe(
      'missing required field open.type (Open type)',
    );
    expect(fixed('schema/required', text)).toMatch(/publishedAt: 2019-05-10\nopen:\n {2}type: TODO\n$/);
  });

  it('requires items for database, spreadsheet and service formats only', () => {
    const noItems = VALID_ENTRY.replace(/items:\n(?: {2}- .*\n)+/, '');
    expect(check('schema/required', noItems).map((d) => d.message.en)).toEqual([
      'missing required field items (Information items)',
    ]);
    const file = noItems.replace('{ class: database, type: oracle }', '{ class: file, type: pdf }');
    expect(check('schema/required', file)).toEqual([]);
  });

  it('reports an empty value and a left-over placeholder without offering to insert again', () => {
    const empty = check('schema/required', vary('name: 户籍人口基本信息', 'name: ""'));
    expect(empty[0]?.message.en).toBe('required field name (Resource name) is empty');
    expect(empty[0]?.fixes).toEqual([]);
    const placeholder = check('schema/required', vary('name: 户籍人口基本信息', 'name: TODO'));
    expect(placeholder[0]?.message.en).toContain('still the placeholder');
  });

  it('reports a file that is not a mapping', () => {
    const result = lintWorkspace([{ path: 'list.yaml', text: '- a\n- b\n' }]);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['schema/required']);
  });
});
