import { describe, expect, it } from 'vitest';
import { applyFixes, applyFixesTelling, automaticFix, yamlScalar } from './edits';
import { lintText } from './engine';
import { VALID_ENTRY, vary } from './rules/testing';

describe('applyFixes', () => {
  it('applies edits from the end so that offsets stay valid', () => {
    const text = 'abc def ghi';
    expect(
      applyFixes(text, [
        { offset: 0, length: 3, newText: 'ABCD' },
        { offset: 8, length: 3, newText: 'G' },
      ]),
    ).toBe('ABCD def G');
  });

  it('skips a fix that overlaps one already taken', () => {
    const fixes = [
      { title: { zh: '一', en: 'one' }, edits: [{ offset: 0, length: 3, newText: 'x' }] },
      { title: { zh: '二', en: 'two' }, edits: [{ offset: 2, length: 3, newText: 'y' }] },
    ];
    expect(applyFixes('abcdef', fixes)).toBe('xdef');
    expect(applyFixesTelling('abcdef', fixes)).toEqual({ text: 'xdef', taken: [fixes[0]] });
  });

  it('turns every fixable diagnostic of a messy entry into a clean entry', () => {
    let text = vary('  type: conditional', '  type: 有条件共享');
    text = vary('updateCycle: daily', 'updateCycle: 每日', text);
    text = vary('publishedAt: 2019-05-10', 'publishedAt: 2019/5/10', text);
    text = vary('name: 户籍人口基本信息', 'name: " 户籍人口基本信息"', text);
    const first = lintText('entry.yaml', text);
    expect(first.summary.errors + first.summary.warnings).toBe(4);
    const repaired = applyFixes(
      text,
      first.diagnostics.flatMap((d) => d.fixes.slice(0, 1)),
    );
    expect(repaired).toBe(VALID_ENTRY);
  });
});

describe('automaticFix', () => {
  it('is the first fix that is no suggestion', () => {
    const suggestion = { title: { zh: '建议', en: 'suggested' }, edits: [], suggestion: true };
    const safe = { title: { zh: '修复', en: 'safe' }, edits: [] };
    expect(automaticFix({ fixes: [suggestion, safe] })).toBe(safe);
    expect(automaticFix({ fixes: [suggestion] })).toBeUndefined();
  });
});

describe('yamlScalar', () => {
  it('quotes only what would not read back as the same string', () => {
    expect(yamlScalar('conditional')).toBe('conditional');
    expect(yamlScalar('GB/T 2261.1')).toBe('GB/T 2261.1');
    expect(yamlScalar('true')).toBe('"true"');
    expect(yamlScalar('0012')).toBe('"0012"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
    expect(yamlScalar(' x')).toBe('" x"');
    expect(yamlScalar('a, b')).toBe('"a, b"');
  });
});
