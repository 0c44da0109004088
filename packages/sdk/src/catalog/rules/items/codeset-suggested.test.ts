import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('items/codeset-suggested', () => {
  it('passes coded items that name their code set', () => {
    expect(check('items/codeset-suggested', VALID_ENTRY)).toEqual([]);
  });

  it('suggests the code set of a coded element and adds it', () => {
    const text = vary(
      '{ name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }',
      '{ name: 性别, key: xb, type: C, length: 1 }',
    );
    const [diagnostic] = check('items/codeset-suggested', text);
    expect(diagnostic?.severity).toBe('info');
    expect(diagnostic?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
    expect(diagnostic?.message.zh).toBe('信息项「性别」是性别代码，建议指定代码集 GB/T 2261.1');
    expect(fixed('items/codeset-suggested', text)).toContain(
      '{ name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }',
    );
  });

  it('adds the code set to a block-style item', () => {
    const text = vary(
      '  - { name: 出生日期, key: csrq, type: D }',
      '  - name: 民族\n    key: mz\n    type: C\n    length: 2',
    );
    expect(fixed('items/codeset-suggested', text)).toContain('    length: 2\n    codeset: GB/T 3304\n');
  });
});
