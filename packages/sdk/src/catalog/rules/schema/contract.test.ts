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
      'items[1].key (Item key) "x.m" does not match ^[A-Za-z_][A-Za-z0-9_]*$: character 2 "." is not allowed (letters, digits and _ only)',
      'items[1].length (Length) must be a whole number, got 2.5',
      'related[0] (Related resources) "../x" does not match ^[0-9]{6,}/[0-9]+$: the classification code ".." must be digits only',
    ]);
    expect(check('schema/contract', text).map((d) => d.message.zh)).toEqual([
      'name（信息资源名称） 超过 200 个字符（实际 201 个）',
      'items[0].length（数据长度） 不能小于 1，实际为 -1',
      'items[1].key（字段标识） 「x.m」 不符合格式 ^[A-Za-z_][A-Za-z0-9_]*$：第 2 个字符「.」不允许（只能用字母、数字和下划线）',
      'items[1].length（数据长度） 应为整数，实际为2.5',
      'related[0]（关联资源代码） 「../x」 不符合格式 ^[0-9]{6,}/[0-9]+$：分类码「..」只能包含数字',
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
      `items[3].key (Item key) "${'k.'.repeat(19)}k… does not match ^[A-Za-z_][A-Za-z0-9_]*$: character 2 "." is not allowed (letters, digits and _ only)`,
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
    const [key] = check('schema/contract', noKey);
    expect([key?.message.en, key?.message.zh]).toEqual([
      '`items[1].key` is missing: Item key is required',
      '缺少必填字段 `items[1].key`：字段标识必须填写',
    ]);
    // At the item the key is missing from (line 15, `  - { name: 姓名, … }`), not at line 1.
    expect([key?.range.start.line, key?.range.start.column]).toEqual([15, 5]);
    expect(check('schema/contract', vary('kind: InformationResource', '')).map((d) => d.message.en)).toEqual([
      '`kind` is missing: Kind is required',
    ]);
  });

  it('names what in a value breaks a pattern or a date: a key starting with a digit, month 13', () => {
    const key = vary('key: xm, type: C', 'key: 9xm, type: C');
    expect(check('schema/contract', key).map((d) => [d.message.en, d.message.zh])).toEqual([
      [
        'items[1].key (Item key) "9xm" does not match ^[A-Za-z_][A-Za-z0-9_]*$: it starts with the digit "9"; it must start with a letter or _',
        'items[1].key（字段标识） 「9xm」 不符合格式 ^[A-Za-z_][A-Za-z0-9_]*$：以数字「9」开头，须以字母或下划线开头',
      ],
    ]);
    // With date/format off, the contract reports the date and says what is wrong in it.
    const date = vary('publishedAt: 2019-05-10', 'publishedAt: 2024-13-45');
    const config = { rules: { 'date/format': 'off' as const } };
    expect(check('schema/contract', date, [], config).map((d) => d.message.en)).toEqual([
      'publishedAt (Publication date) "2024-13-45" is not a valid CCYY-MM-DD date: month 13 does not exist (months are 01–12); day 45 does not exist (no month has more than 31 days)',
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
