import { describe, expect, it } from 'vitest';
import { at, check, fixed, vary } from '../testing';

const RULE = 'items/identifier-format';
const ID_ITEM = '  - { name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }';

describe('items/identifier-format', () => {
  it('passes identifiers typed and sized as their standards say', () => {
    const text = vary(
      ID_ITEM,
      [
        ID_ITEM,
        '  - { name: 统一社会信用代码, key: tyshxydm, type: C, length: 18 }',
        '  - { name: 组织机构代码, key: zzjgdm, type: C, length: 9 }',
        '  - { name: 原组织机构代码, key: yzzjgdm, type: C, length: 10 }',
        '  - { name: 证件号码, key: zjhm, type: C, length: 30 }',
      ].join('\n'),
    );
    expect(check(RULE, text)).toEqual([]);
  });

  it('reports an ID number typed N and fixes the type to C', () => {
    const text = vary(ID_ITEM, '  - { name: 公民身份号码, key: gmsfhm, type: N, length: 18 }');
    const [diagnostic] = check(RULE, text);
    expect(diagnostic?.message.en).toBe(
      'item "公民身份号码" is a citizen ID number (GB 11643): it holds letters or the check character X, so its type is C, not N',
    );
    expect(at(diagnostic)).toBe('14:40');
    expect(fixed(RULE, text)).toContain('{ name: 公民身份号码, key: gmsfhm, type: C, length: 18 }');
  });

  it('reports a wrong length, found by name or by the exchange check, and only suggests the standard one', () => {
    const text = vary(
      ID_ITEM,
      [
        '  - { name: 法定代表人身份证号, key: fddbrsfzh, type: C, length: 20 }',
        '  - { name: 主体代码, key: ztdm, type: C, length: 20, check: [uscc] }',
        '  - { name: 组织机构代码, key: zzjgdm, type: C, length: 18 }',
      ].join('\n'),
    );
    const diagnostics = check(RULE, text);
    expect(diagnostics.map((d) => d.message.zh)).toEqual([
      '信息项「法定代表人身份证号」是公民身份号码（GB 11643），长度应为 18，而不是 20',
      '信息项「主体代码」是统一社会信用代码（GB 32100），长度应为 18，而不是 20',
      '信息项「组织机构代码」是组织机构代码（GB 11714），长度应为 9 或 10（9 位；证书上带连字符的写法 XXXXXXXX-X 为 10 位），而不是 18',
    ]);
    expect(diagnostics[0]?.fixes.map((f) => [f.title.en, f.suggestion])).toEqual([
      ['Change the length to 18', true],
    ]);
    // A suggestion: `unsilo lint --fix` leaves the length as it is.
    expect(diagnostics.every((d) => d.fixes.every((f) => f.suggestion === true))).toBe(true);
  });

  it('leaves a missing length to items/length-required', () => {
    const text = vary(ID_ITEM, '  - { name: 公民身份号码, key: gmsfhm, type: C }');
    expect(check(RULE, text)).toEqual([]);
    expect(check('items/length-required', text)).toHaveLength(1);
  });
});
