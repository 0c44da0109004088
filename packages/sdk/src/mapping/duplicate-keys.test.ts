import { describe, expect, it } from 'vitest';
import { prescannedGuard, streamingGuard } from './duplicate-keys';
import { planOf } from './key-scan';
import { loadMapping } from './load';
import { preview } from './preview';
import { populationEntry, populationMappingYaml } from './test-fixtures';

const today = new Date('2026-11-26T00:00:00Z');
const A = '11010519491231002X';
const B = '110105194912310046';
const source = (SFZH: string, XM = '张三', XB = '2') => ({
  SFZH,
  XM,
  XB,
  CSRQ: '19491231',
  MZ: '汉族',
  HJDQ: '110105',
  JTRKS: '3',
  LXDH: '',
});
const compiled = () => loadMapping(populationMappingYaml, populationEntry, { today }).compiled!;

describe('the key pre-scan', () => {
  it('computes a row key from the key fields alone, undefined when a key field is rejected or empty', () => {
    const mapping = compiled();
    expect(mapping.key).toEqual(['gmsfhm']);
    // The same key as the whole mapping makes of it (trim, upper, 15 → 18 digits), other fields ignored.
    expect(mapping.keyOf({ ...source(' 11010519491231002x '), XB: '9' })).toBe(JSON.stringify([A]));
    expect(mapping.keyOf(source('110105491231002'))).toBe(JSON.stringify([A]));
    expect(mapping.keyOf(source('110105194912310047'))).toBeUndefined();
    expect(mapping.keyOf(source(''))).toBeUndefined();
  });

  it('keeps row lists only for repeated keys; a key named like a prototype member is a key like any other', () => {
    const plan = planOf([
      { row: 1, key: '["__proto__"]' },
      { row: 2, key: '["a"]' },
      { row: 3, key: '["__proto__"]' },
      { row: 4, key: undefined },
      { row: 5, key: '["constructor"]' },
      { row: 6, key: '["__proto__"]' },
    ]);
    expect(plan.groups).toEqual([{ key: '["__proto__"]', rows: [1, 3, 6] }]);
    expect(plan.rows).toBe(3);
    expect(plan.groupOf(2)).toBeUndefined();
    expect(plan.groupOf(3)?.rows).toEqual([1, 3, 6]);
  });

  it('a pre-scanned guard is a pure function of the row: the same verdicts in any order, any number of times', () => {
    const plan = planOf([
      { row: 1, key: '["a"]' },
      { row: 2, key: '["b"]' },
      { row: 3, key: '["a"]' },
    ]);
    const reject = prescannedGuard(plan, 'reject', ['gmsfhm']);
    const never = () => {
      throw new Error('a pre-scanned guard does not need the key');
    };
    const verdicts = () => [3, 1, 2, 3].map((row) => reject.verdict(row, never));
    expect(verdicts()).toEqual(verdicts());
    expect(verdicts()[0]).toMatchObject({ rejected: { rule: 'duplicate', field: 'gmsfhm', value: 'a' } });
    expect(verdicts()[2]).toBeUndefined();
    const last = prescannedGuard(plan, 'last', ['gmsfhm']);
    expect([1, 2, 3].map((row) => last.verdict(row, never))).toEqual([
      { replacedBy: 3 },
      undefined,
      undefined,
    ]);
  });

  it('a streaming guard keeps the first row of a key and rejects the later ones, naming the earlier rows', () => {
    const guard = streamingGuard(['dm', 'nd']);
    const keys = ['["x",2024]', '["x",2025]', '["x",2024]', undefined, '["x",2024]'];
    const verdicts = keys.map((key, i) => guard.verdict(i + 1, () => key));
    expect(verdicts.map((v) => (v && 'rejected' in v ? v.rejected.message : v))).toEqual([
      undefined,
      undefined,
      'key dm,nd = x,2024 already occurs in row 1; the input could not be pre-scanned, so the first occurrence was kept',
      undefined,
      'key dm,nd = x,2024 already occurs in row 1, 3; the input could not be pre-scanned, so the first occurrence was kept',
    ]);
  });

  it('a streaming guard names the first ten earlier rows and counts the others', () => {
    const guard = streamingGuard(['gmsfhm']);
    const verdicts = Array.from({ length: 13 }, (_, i) => guard.verdict(i + 1, () => '["a"]'));
    const last = verdicts[12];
    expect(last && 'rejected' in last ? last.rejected.message : last).toBe(
      'key gmsfhm = a already occurs in row 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more; the input could not be pre-scanned, so the first occurrence was kept',
    );
  });
});

describe('preview and duplicate keys', () => {
  it('rejects every row of a key repeated within the sample, or keeps the last with duplicates: last', () => {
    const rows = [source(A), source(B, '李四'), source(A, '张三二')];
    const rejected = preview(populationMappingYaml, populationEntry, rows, { today });
    expect(rejected.summary).toEqual({ read: 3, accepted: 1, rejected: 2, replaced: 0, warnings: 0 });
    expect(rejected.rejectsByRule).toEqual({ duplicate: 2 });
    expect(rejected.rows.map((r) => r.errors?.[0]?.message)).toEqual([
      `key gmsfhm = ${A} occurs more than once: also in row 3`,
      undefined,
      `key gmsfhm = ${A} occurs more than once: also in row 1`,
    ]);
    const last = preview(populationMappingYaml, populationEntry, rows, { today, duplicates: 'last' });
    expect(last.summary).toEqual({ read: 3, accepted: 2, rejected: 0, replaced: 1, warnings: 0 });
    expect(last.rows[0]).toMatchObject({ row: 1, replacedBy: 3 });
    expect(last.rows[0]?.after).toBeUndefined();
    expect(last.rows[2]?.after).toMatchObject({ gmsfhm: A, xm: '张三二' });
  });
});
