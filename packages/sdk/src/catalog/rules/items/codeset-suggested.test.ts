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

describe('items/codeset-suggested for the national sets of personal data', () => {
  it.each([
    ['婚姻状况', 'GB/T 2261.2'],
    ['婚姻状况代码', 'GB/T 2261.2'],
    ['学历', 'GB/T 4658'],
    ['文化程度', 'GB/T 4658'],
    ['政治面貌', 'GB/T 4762'],
    ['国籍', 'GB/T 2659.1'],
    ['国家地区', 'GB/T 2659.1'],
    ['国家（地区）', 'GB/T 2659.1'],
    ['证件类型', 'GA/T 2000.156'],
    ['身份证件类型代码', 'GA/T 2000.156'],
  ])('suggests for %s the set %s', (name, codeset) => {
    const text = vary(
      '{ name: 出生日期, key: csrq, type: D }',
      `{ name: ${name}, key: x, type: C, length: 3 }`,
    );
    const [diagnostic] = check('items/codeset-suggested', text);
    expect(diagnostic?.message.zh).toContain(`建议指定代码集 ${codeset}`);
    expect(fixed('items/codeset-suggested', text)).toContain(`length: 3, codeset: ${codeset} }`);
  });

  it('does not take a document number or an organisation’s name for a coded element', () => {
    for (const name of ['证件号码', '国家机关名称', '学历证书编号']) {
      const text = vary(
        '{ name: 出生日期, key: csrq, type: D }',
        `{ name: ${name}, key: x, type: C, length: 30 }`,
      );
      expect([name, check('items/codeset-suggested', text)]).toEqual([name, []]);
    }
  });
});
