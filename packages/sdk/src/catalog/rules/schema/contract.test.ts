import { describe, expect, it } from 'vitest';
import { lintText } from '../../engine';
import { check, VALID_ENTRY, vary } from '../testing';

const errorsOf = (text: string) =>
  lintText('entry.yaml', text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.rule);

describe('schema/contract', () => {
  it('passes an entry the contract accepts', () => {
    expect(check('schema/contract', VALID_ENTRY)).toEqual([]);
  });

  it('reports what only the contract limits: patterns, number ranges, whole numbers, lengths', () => {
    let text = vary('key: xm, type: C, length: 50', 'key: "x.m", type: C, length: 2.5');
    text = vary('length: 18', 'length: -1', text);
    text = vary('name: 户籍人口基本信息', `name: ${'名'.repeat(201)}`, text);
    text = `${text}related: ["../x"]\n`;
    expect(check('schema/contract', text).map((d) => d.message.en)).toEqual([
      `name (Resource name) is longer than 200 characters (201)`,
      'items[0].length (Length) must be at least 1, got -1',
      'items[1].key (Item key) "x.m" does not match ^[A-Za-z_][A-Za-z0-9_]*$',
      'items[1].length (Length) must be a whole number, got 2.5',
      'related[0] (Related resources) "../x" does not match ^[0-9]{6,}/[0-9]+$',
    ]);
    expect(check('schema/contract', text).map((d) => d.message.zh)).toEqual([
      'name（信息资源名称） 超过 200 个字符（实际 201 个）',
      'items[0].length（数据长度） 不能小于 1，实际为 -1',
      'items[1].key（字段标识） 「x.m」 不符合格式 ^[A-Za-z_][A-Za-z0-9_]*$',
      'items[1].length（数据长度） 应为整数，实际为2.5',
      'related[0]（关联资源代码） 「../x」 不符合格式 ^[0-9]{6,}/[0-9]+$',
    ]);
  });

  it('takes `required: true` on an item and refuses a value that is not a boolean', () => {
    const required = vary(
      '{ name: 姓名, key: xm, type: C, length: 50 }',
      '{ name: 姓名, key: xm, type: C, length: 50, required: true }',
    );
    expect(check('schema/contract', required)).toEqual([]);
    const text = vary(
      '{ name: 姓名, key: xm, type: C, length: 50 }',
      '{ name: 姓名, key: xm, type: C, length: 50, required: "yes" }',
    );
    expect(check('schema/contract', text).map((d) => d.message.en)).toEqual([
      'items[1].required (Required) must be true or false, got a string',
    ]);
  });

  it('cuts long values in its messages', () => {
    const text = vary(
      '  - { name: 出生日期, key: csrq, type: D }',
      `  - { name: 出生日期, key: "${'k.'.repeat(30)}", type: D }`,
    );
    expect(check('schema/contract', text)[0]!.message.en).toBe(
      `items[3].key (Item key) "${'k.'.repeat(19)}k… does not match ^[A-Za-z_][A-Za-z0-9_]*$`,
    );
  });

  it('stays silent where a specific rule already reports an error', () => {
    expect(errorsOf(vary('name: 户籍人口基本信息', ''))).toEqual(['schema/required']);
    expect(errorsOf(vary('updateCycle: daily', 'updateCycle: hourly'))).toEqual(['schema/enum']);
    expect(errorsOf(vary('code: "307001030801/000012"', 'code: "407/1"'))).toEqual(['code/format']);
    expect(errorsOf(vary('publishedAt: 2019-05-10', 'publishedAt: 2019-02-30'))).toEqual(['date/format']);
  });

  it('reports what the other rules let through: a number for a name, a missing item key, a kind left out', () => {
    expect(errorsOf(vary('name: 户籍人口基本信息', 'name: 0'))).toEqual(['schema/contract']);
    const noKey = vary('{ name: 姓名, key: xm, type: C, length: 50 }', '{ name: 姓名, type: C, length: 50 }');
    expect(check('schema/contract', noKey).map((d) => d.message.en)).toEqual([
      'missing required field items[1].key (Item key)',
    ]);
    expect(check('schema/contract', vary('kind: InformationResource', '')).map((d) => d.message.en)).toEqual([
      'missing required field kind (Kind)',
    ]);
  });

  it('reports at most 100 findings for one file', () => {
    const items = Array.from(
      { length: 300 },
      (_, i) => `  - { name: 项${i}, key: "bad.${i}", type: D }`,
    ).join('\n');
    const text = VALID_ENTRY.replace(/items:\n(?: {2}- .*\n)+/, `items:\n${items}\n`);
    expect(check('schema/contract', text)).toHaveLength(100);
  });
});
