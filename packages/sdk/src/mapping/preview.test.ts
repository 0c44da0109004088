import { describe, expect, it } from 'vitest';
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
});
