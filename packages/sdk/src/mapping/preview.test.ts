import { describe, expect, it } from 'vitest';
import { idcardCheckChar } from '../identifiers/idcard';
import { preview } from './preview';
import { populationEntry, populationMappingYaml } from './test-fixtures';

const today = new Date('2026-11-26T00:00:00Z');
const row = (over: Record<string, string> = {}) => ({
  SFZH: '11010519491231002X',
  XM: '张三',
  XB: '2',
  CSRQ: '19491231',
  MZ: '汉族',
  HJDQ: '110105',
  JTRKS: '3',
  LXDH: '',
  ...over,
});

/** A valid ID number of a woman born 1949-12-31, distinct for each `n` (1–499). */
const idOf = (n: number) => {
  const body = `11010519491231${String(n * 2).padStart(3, '0')}`;
  return body + idcardCheckChar(body);
};
/** `count` rows with distinct keys; `faults` maps a row number (from 1) to what is wrong in it. */
const numbered = (count: number, faults: Record<number, Record<string, string>>) =>
  Array.from({ length: count }, (_, i) => row({ SFZH: idOf(i + 1), ...faults[i + 1] }));

describe('preview', () => {
  it('shows before/after, rejects, uncovered legacy codes with counts and coverage', () => {
    const rows = [
      row(),
      row({ SFZH: '110105194912310046', XB: '0' }),
      row({ SFZH: '110105194912310062', XB: '0', MZ: '汉' }),
      row({ SFZH: '110105194912310089', XB: '未知' }),
      row({ SFZH: '11010519491231010X', HJDQ: '440524' }),
    ];
    const result = preview(populationMappingYaml, populationEntry, rows, { today, limit: 2 });
    // hjdq (GB/T 2260) is read without a codes: translation or a region check: a warning, rows still map.
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.path.join('.')])).toEqual([
      ['warning', 'mapping/codes-missing', 'fields.hjdq'],
    ]);
    expect(result.summary).toEqual({ read: 5, accepted: 2, rejected: 3, replaced: 0, warnings: 1 });
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toMatchObject({
      row: 1,
      before: { XB: '2' },
      after: { xb: '2', csrq: '1949-12-31' },
    });
    expect(result.rows[1]?.errors?.[0]).toMatchObject({ field: 'xb', rule: 'codes', value: '0' });
    expect(result.uncovered).toEqual([
      { field: 'xb', value: '0', count: 2, rows: [2, 3] },
      { field: 'mz', value: '汉', count: 1, rows: [3] },
      { field: 'xb', value: '未知', count: 1, rows: [4] },
    ]);
    expect(result.rejectsByRule).toEqual({ codes: 3 });
    expect(result.coverage).toMatchObject({ total: 8, mapped: 8, unmappedKeys: [], unmappedRequired: [] });
  });

  it('reports coverage of an incomplete mapping and keeps the diagnostics positioned', () => {
    const yaml = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv }
key: [gmsfhm]
fields:
  csrq: { from: CSRQ, transform: [{ date: YYYYMMDD }] }
`;
    const result = preview(yaml, populationEntry, [row()]);
    expect(result.coverage).toMatchObject({
      total: 8,
      mapped: 1,
      unmappedKeys: ['gmsfhm'],
      unmappedRequired: ['xm'],
    });
    expect(result.diagnostics.map((d) => [d.code, d.range?.start.line])).toEqual([
      ['mapping/key-unmapped', 5],
      ['mapping/required-unmapped', 6],
    ]);
    expect(result.rows).toEqual([]);
  });

  it('accepts numbered source rows and reports columns missing from the input', () => {
    const result = preview(
      populationMappingYaml,
      populationEntry,
      [{ row: 41, values: { SFZH: '11010519491231002X' } }],
      { today },
    );
    expect(result.rows[0]?.row).toBe(41);
    expect(result.diagnostics.map((d) => d.code)).toContain('mapping/unknown-column');
  });

  it('lists every rejected row with its reasons, also those after the rows shown', () => {
    const rows = numbered(60, { 3: { XB: '9' }, 55: { XB: '9' }, 58: { CSRQ: '19491331', MZ: '火星族' } });
    const result = preview(populationMappingYaml, populationEntry, rows, { today });
    expect(result.rows).toHaveLength(50);
    expect(result.summary).toMatchObject({ read: 60, accepted: 57, rejected: 3 });
    expect(
      result.rejectedRows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.rule}:${e.value}`)]),
    ).toEqual([
      [3, ['xb:codes:9']],
      [55, ['xb:codes:9']],
      [58, ['csrq:date:19491331', 'mz:codes:火星族']],
    ]);
    expect(result.rejectedRows[2]?.errors[1]?.zh).toBe('值「火星族」不在 GB/T 3304 中');
    expect(result.uncovered).toEqual([
      { field: 'xb', value: '9', count: 2, rows: [3, 55] },
      { field: 'mz', value: '火星族', count: 1, rows: [58] },
    ]);
  });

  it('lists rows with warnings, and rows the reader could not read among the rejects', () => {
    const unread = {
      field: '',
      rule: 'csv/unclosed-quote',
      value: '"x',
      message: 'never closed',
      zh: '未结束',
    };
    const rows = [...numbered(4, { 4: { HJDQ: '440524' } }), { row: 5, error: unread }];
    const result = preview(populationMappingYaml, populationEntry, rows, { today, limit: 1 });
    expect(result.rejectedRows).toEqual([{ row: 5, errors: [unread] }]);
    expect(result.warningRows.map((r) => [r.row, r.warnings.map((w) => `${w.field}:${w.rule}`)])).toEqual([
      [4, [expect.stringMatching(/^hjdq:/)]],
    ]);
    expect(result.warningRowCount).toBe(1);
  });

  it('keeps the first listLimit rejected rows; the counts stay exact', () => {
    const faults = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [i * 2 + 1, { XB: '9' }]));
    const result = preview(populationMappingYaml, populationEntry, numbered(60, faults), {
      today,
      limit: 5,
      listLimit: 10,
    });
    expect(result.summary).toMatchObject({ read: 60, rejected: 30, accepted: 30 });
    expect(result.rejectedRows.map((r) => r.row)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(result.uncovered).toEqual([{ field: 'xb', value: '9', count: 30, rows: [1, 3, 5, 7, 9] }]);
  });
});
