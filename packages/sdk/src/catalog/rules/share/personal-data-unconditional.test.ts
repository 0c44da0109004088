import { describe, expect, it } from 'vitest';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';
import { personalDataKind } from './personal-data';

const ITEMS = `items:
  - { name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }
  - { name: 姓名, key: xm, type: C, length: 50 }
  - { name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }
  - { name: 出生日期, key: csrq, type: D }
`;

/** The valid entry shared unconditionally, with these items. */
const sharedToAll = (items: string) =>
  vary(ITEMS, items, vary('  type: conditional', '  type: unconditional'));

describe('share/personal-data-unconditional', () => {
  it('passes personal data shared on conditions, and unconditional data that is not personal', () => {
    expect(check('share/personal-data-unconditional', VALID_ENTRY)).toEqual([]);
    const enterprises = `items:
  - { name: 统一社会信用代码, key: tyshxydm, type: C, length: 18 }
  - { name: 法定代表人姓名, key: fddbrxm, type: C, length: 50 }
  - { name: 企业住所地址, key: qyzs, type: C, length: 200 }
  - { name: 单位联系电话, key: dwdh, type: C, length: 20 }
`;
    expect(check('share/personal-data-unconditional', sharedToAll(enterprises))).toEqual([]);
  });

  it('reports unconditional sharing of personal data at share.type, naming the items', () => {
    const diagnostics = check('share/personal-data-unconditional', sharedToAll(ITEMS));
    expect(diagnostics.map(at)).toEqual(['19:9']);
    expect(diagnostics[0]?.message.en).toBe(
      'the items "公民身份号码", "姓名" are personal data and cannot be shared unconditionally: share.type must be conditional, with its conditions in share.condition',
    );
  });

  it('knows marriage data by its name, its key or its code set', () => {
    for (const item of [
      '{ name: 婚姻登记日期, key: djrq, type: D }',
      '{ name: 状况, key: hyzk, type: C, length: 2 }',
      '{ name: 状况代码, key: zkdm, type: C, length: 2, codeset: GB/T 2261.2-2003 }',
    ]) {
      const diagnostics = check('share/personal-data-unconditional', sharedToAll(`items:\n  - ${item}\n`));
      expect({ item, count: diagnostics.length }).toEqual({ item, count: 1 });
    }
  });

  it('does not take a name alone for personal data, but lists it beside other personal items', () => {
    const names = 'items:\n  - { name: 姓名, key: xm, type: C, length: 50 }\n';
    expect(check('share/personal-data-unconditional', sharedToAll(names))).toEqual([]);
    const withPhone = `${names}  - { name: 手机号码, key: sjhm, type: C, length: 11 }\n`;
    expect(check('share/personal-data-unconditional', sharedToAll(withPhone))[0]?.message.zh).toBe(
      '信息项「姓名」「手机号码」是个人信息，不能无条件共享：share.type 应为 conditional（有条件共享），并在 share.condition 中写明条件',
    );
  });

  it('offers conditional as a suggestion only', () => {
    const text = sharedToAll(ITEMS);
    const fixes = check('share/personal-data-unconditional', text)[0]?.fixes ?? [];
    expect(fixes.map((fix) => fix.suggestion)).toEqual([true]);
    expect(fixed('share/personal-data-unconditional', text)).toContain('share:\n  type: conditional\n');
  });
});

describe('personalDataKind', () => {
  it('classifies items from the word table, skipping organisations, public numbers and statistics', () => {
    const kinds = [
      ['身份证号', undefined],
      ['居住地址', undefined],
      ['疾病诊断', undefined],
      ['宗教信仰', undefined],
      ['违法犯罪记录', undefined],
      ['月收入', undefined],
      [undefined, 'SFZH'],
      ['医疗机构名称', undefined],
      ['咨询服务电话', undefined],
      ['就诊人数', undefined],
      ['财政收入', undefined],
      ['农作物病虫害', undefined],
    ].map(([name, key]) => personalDataKind(name, key, undefined)?.id ?? null);
    expect(kinds).toEqual([
      'id-number',
      'address',
      'health',
      'religion',
      'criminal-record',
      'income',
      'id-number',
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('share/personal-data-unconditional on registers of institutions', () => {
  it('takes a phone or an address for personal data only beside a name or an ID number', () => {
    const institutions = `items:
  - { name: 机构名称, key: jgmc, type: C, length: 100 }
  - { name: 联系电话, key: lxdh, type: C, length: 20 }
  - { name: 学校地址, key: xxdz, type: C, length: 200 }
`;
    expect(check('share/personal-data-unconditional', sharedToAll(institutions))).toEqual([]);
  });
});
