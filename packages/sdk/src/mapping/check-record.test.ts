import { describe, expect, it } from 'vitest';
import { checkRecord } from './check-record';
import { populationEntry } from './test-fixtures';
import type { TargetEntry } from './types';

describe('checkRecord', () => {
  it('accepts a record that fits its entry and converts values to item types', () => {
    const result = checkRecord(populationEntry, {
      gmsfhm: '11010519491231002X',
      xm: '张三',
      xb: '2',
      csrq: '1949-12-31',
      jtrks: '3',
    });
    expect(result).toEqual({
      valid: true,
      record: { gmsfhm: '11010519491231002X', xm: '张三', xb: '2', csrq: '1949-12-31', jtrks: 3 },
      errors: [],
      warnings: [],
    });
  });

  it('rejects wrong types, lengths, code-set members, unknown keys and missing required items', () => {
    const result = checkRecord(populationEntry, {
      gmsfhm: '11010519491231002X1',
      xb: '3',
      csrq: '1949/12/31',
      mz: '99',
      jtrks: 2.5,
      hjdq: '990000',
      extra: 1,
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => [e.field, e.rule])).toEqual([
      ['gmsfhm', 'length'],
      ['xb', 'codeset'],
      ['csrq', 'type'],
      ['mz', 'codeset'],
      ['jtrks', 'type'],
      ['hjdq', 'region'],
      ['extra', 'unknown-item'],
      ['xm', 'required'],
    ]);
  });

  it('warns only for a region code that is no longer current', () => {
    const result = checkRecord(populationEntry, { xm: '李四', hjdq: '440524' });
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.rule)).toEqual(['region']);
  });

  it("runs an item's own check validators", () => {
    const entry: TargetEntry = {
      code: '309001010101/000001',
      items: [
        { name: '统一社会信用代码', key: 'tyshxydm', type: 'C', length: 18, check: ['uscc'] },
        { name: '登记日期', key: 'djrq', type: 'T' },
        { name: '是否有效', key: 'sfyx', type: 'L' },
      ],
    };
    expect(
      checkRecord(entry, { tyshxydm: '91350100M000100Y43', djrq: '2020-01-02T08:00:00+08:00', sfyx: '是' }),
    ).toMatchObject({
      valid: true,
      record: { sfyx: true },
    });
    const bad = checkRecord(entry, {
      tyshxydm: '91350100M000100Y44',
      djrq: '2020-13-02T08:00',
      sfyx: 'maybe',
    });
    expect(bad.errors.map((e) => [e.field, e.rule])).toEqual([
      ['tyshxydm', 'uscc'],
      ['djrq', 'type'],
      ['sfyx', 'type'],
    ]);
  });
});
