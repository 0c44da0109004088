import codesetIndex from '@unsilo/spec/codesets/index.json';
import { describe, expect, it } from 'vitest';
import { standardCodesets } from './codesets';
import { loadMapping } from './load';
import type { TargetEntry } from './types';

/** A 民政 marriage-registration entry whose coded items take the national sets added with GB/T 2261.2. */
const entry: TargetEntry = {
  code: '307001030901/000003',
  name: '婚姻登记信息',
  items: [
    { name: '姓名', key: 'xm', type: 'C', length: 50, required: true },
    { name: '婚姻状况', key: 'hyzk', type: 'C', length: 2, codeset: 'GB/T 2261.2' },
    { name: '国籍', key: 'gj', type: 'C', length: 3, codeset: 'GB/T 2659.1' },
    { name: '政治面貌', key: 'zzmm', type: 'C', length: 2, codeset: 'GB/T 4762' },
    { name: '学历', key: 'xl', type: 'C', length: 2, codeset: 'GB/T 4658' },
    { name: '证件类型', key: 'zjlx', type: 'C', length: 3, codeset: 'GA/T 2000.156' },
  ],
};

// The registration system stores marital status with the one-digit codes of an older local table.
const mappingYaml = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030901/000003"
source: { format: csv, encoding: utf-8 }
fields:
  xm:   { from: XM }
  hyzk: { from: HYZK, codes: { "1": "10", "2": "20", "3": "30", "4": "40", "9": "90" } }
  gj:   { from: GJ, codes: { codeset: GB/T 2659.1, by: name } }
  zzmm: { from: ZZMM, codes: { codeset: gbt-4762, by: name } }
  xl:   { from: XL, codes: { codeset: GB/T 4658-2006, by: code } }
  zjlx: { from: ZJLX, codes: { codeset: GA/T 2000.156, by: name } }
`;

const load = (yaml: string) => loadMapping(yaml, entry, { today: new Date('2026-11-26T00:00:00Z') });

function compiled() {
  const loaded = load(mappingYaml);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.compiled!;
}

describe('mapping local codes to the national code sets', () => {
  it('knows every set the registry lists, with all its codes', () => {
    for (const set of codesetIndex.codesets) {
      expect([set.id, standardCodesets.get(set.name)?.codes.length]).toEqual([set.id, set.count]);
    }
  });

  it('maps one-digit marital codes to GB/T 2261.2 and translates the other sets by name or code', () => {
    const row = { XM: '王芳', HYZK: '2', GJ: '中国香港', ZZMM: '中共党员', XL: '21', ZJLX: '居民身份证' };
    expect(compiled().mapRow(row, 1)).toEqual({
      row: 1,
      record: { xm: '王芳', hyzk: '20', gj: 'HKG', zzmm: '01', xl: '21', zjlx: '111' },
    });
    const codes = compiled().mapRow({ ...row, HYZK: '9', GJ: '156', ZZMM: '群众', ZJLX: '普通护照' }, 2);
    expect(codes.record).toMatchObject({ hyzk: '90', gj: 'CHN', zzmm: '13', zjlx: '414' });
    expect(compiled().mapRow({ ...row, GJ: 'cn' }, 3).record?.gj).toBe('CHN');
  });

  it('refuses a table that maps to a code outside GB/T 2261.2 when the mapping is loaded', () => {
    const loaded = load(mappingYaml.replace('"9": "90"', '"9": "90", "5": "50"'));
    expect(loaded.compiled).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.code, d.zh])).toEqual([
      ['mapping/code-not-in-codeset', '「5」映射为「50」，不是 GB/T 2261.2 中的代码'],
    ]);
  });

  it('rejects a row whose values the table or the set does not cover', () => {
    const out = compiled().mapRow(
      { XM: '李强', HYZK: '5', GJ: '火星', ZZMM: '群众', XL: '5', ZJLX: '111' },
      4,
    );
    expect(out.record).toBeUndefined();
    expect(out.errors?.map((e) => [e.field, e.rule, e.value])).toEqual([
      ['hyzk', 'codes', '5'],
      ['gj', 'codes', '火星'],
      ['xl', 'codes', '5'],
    ]);
  });
});
