import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster';

const where = (problem: { range: { start: { line: number; column: number } } }) =>
  `${problem.range.start.line}:${problem.range.start.column}`;

describe('parseRoster', () => {
  it('reads departments: [{ name, code }] (YAML or JSON), codes upper-cased, into objects without a prototype', () => {
    const { departments, problems } = parseRoster(
      'departments:\n  - { name: " 江临市公安局 ", code: 11330200mb0283101d }\n  - name: 江临市退役军人事务局\n',
    );
    expect(problems).toEqual([]);
    expect(departments).toEqual([
      { name: '江临市公安局', code: '11330200MB0283101D' },
      { name: '江临市退役军人事务局' },
    ]);
    expect(parseRoster('[{"name": "江临市民政局"}]').departments).toEqual([{ name: '江临市民政局' }]);
  });

  it('reports what is wrong at its position and keeps the valid departments', () => {
    const text = [
      'departments:',
      '  - { name: 江临市公安局, code: 11330200MB0283101D }',
      '  - { code: 11330200MB0284101L }',
      '  - { name: 江临市民政局, code: "123" }',
      '  - { name: 江临市公安局, code: 11330200MB0283101D }',
      '  - { name: 江临市卫生健康委员会, phone: "0574" }',
      '',
    ].join('\n');
    const { departments, problems } = parseRoster(text);
    expect(departments.map((d) => d.name)).toEqual(['江临市公安局', '江临市卫生健康委员会']);
    expect(problems.map((p) => [p.code, where(p)])).toEqual([
      ['department.name-missing', '3:5'],
      ['department.code-format', '4:5'],
      ['department.duplicate', '5:5'],
      ['list.unknown-key', '6:25'],
    ]);
    expect(problems[1]?.message.en).toBe(
      'the code of "江临市民政局" is not an 18-character unified social credit code',
    );
  });

  it('refuses __proto__ and constructor keys, never setting a prototype', () => {
    const { departments, problems } = parseRoster(
      'departments:\n  - { name: 甲局, __proto__: { polluted: 1 } }\n  - { name: 乙局, constructor: x }\n',
    );
    expect(problems.map((p) => [p.code, where(p)])).toEqual([
      ['list.reserved-key', '2:17'],
      ['list.reserved-key', '3:17'],
    ]);
    expect(departments).toEqual([{ name: '甲局' }, { name: '乙局' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports broken YAML, a list too deep and a roster that is not a list, never throwing', () => {
    expect(parseRoster('departments: [').problems.map((p) => p.code)).toContain('list.syntax');
    expect(
      parseRoster(`departments: ${'['.repeat(200)}${']'.repeat(200)}`).problems.map((p) => p.code),
    ).toEqual(['list.too-deep']);
    const notAList = parseRoster('departments: 江临市公安局\n');
    expect(notAList.problems.map((p) => [p.code, where(p), p.message.zh])).toEqual([
      ['list.not-a-list', '1:14', 'departments 必须是列表'],
    ]);
    expect(parseRoster('').departments).toEqual([]);
  });
});
