import { describe, expect, it } from 'vitest';
import { compileMapping } from './compile';
import { loadMapping } from './load';
import { populationEntry, populationMappingYaml } from './test-fixtures';
import type { FieldMapping } from './types';

const today = new Date('2026-11-26T00:00:00Z');

function load(yaml = populationMappingYaml) {
  const loaded = loadMapping(yaml, populationEntry, { today });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.compiled!;
}

const good = {
  SFZH: ' 11010519491231002x ',
  XM: '张　三',
  XB: '女',
  CSRQ: '1949年12月31日',
  MZ: '汉族',
  HJDQ: '110105',
  JTRKS: '1,234',
  LXDH: '13800138000',
};

describe('compiled mapping', () => {
  it('maps a legacy row into a standard record', () => {
    expect(load().mapRow(good, 1)).toEqual({
      row: 1,
      record: {
        gmsfhm: '11010519491231002X',
        xm: '张 三',
        xb: '2',
        csrq: '1949-12-31',
        mz: '01',
        hjdq: '110105',
        jtrks: 1234,
        lxdh: '13800138000',
      },
    });
  });

  it('upgrades a 15-digit ID number and accepts the dates it implies', () => {
    const out = load().mapRow({ ...good, SFZH: '610104620927690', XB: '女', CSRQ: '19620927' }, 2);
    expect(out.record?.gmsfhm).toBe('610104196209276908');
    expect(out.errors).toBeUndefined();
  });

  it('uses the default for an empty source and leaves optional empty fields out', () => {
    const out = load().mapRow({ ...good, JTRKS: '', LXDH: '' }, 3);
    expect(out.record?.jtrks).toBe(1);
    expect(out.record?.lxdh).toBeUndefined();
  });

  it('rejects a row with every reason, each with field, rule, value and both languages', () => {
    const out = load().mapRow(
      {
        SFZH: '110105194912310021',
        XM: '',
        XB: '3',
        CSRQ: '1949年2月30日',
        MZ: '火星族',
        HJDQ: '990101',
        JTRKS: 'abc',
        LXDH: '123',
      },
      7,
    );
    expect(out.record).toBeUndefined();
    expect(out.errors?.map((e) => [e.field, e.rule, e.value])).toEqual([
      ['gmsfhm', 'idcard', '110105194912310021'],
      ['xm', 'required', ''],
      ['xb', 'codes', '3'],
      ['csrq', 'date', '1949年2月30日'],
      ['mz', 'codes', '火星族'],
      ['hjdq', 'region', '990101'],
      ['jtrks', 'number', 'abc'],
      ['lxdh', 'phone', '123'],
    ]);
    for (const e of out.errors!) {
      expect(e.message).toMatch(/[a-z]/);
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('cross-checks sex and birth date against the ID number', () => {
    const out = load().mapRow({ ...good, XB: '男', CSRQ: '19491230' }, 4);
    expect(out.errors?.map((e) => [e.field, e.rule])).toEqual([
      ['xb', 'idcard-consistent'],
      ['csrq', 'idcard-consistent'],
    ]);
  });

  it('only warns for a region code missing from the current list', () => {
    const out = load().mapRow({ ...good, HJDQ: '440524' }, 5);
    expect(out.record?.hjdq).toBe('440524');
    expect(out.warnings?.map((w) => w.rule)).toEqual(['region']);
  });

  it('concatenates columns, writes constants and converts Excel serial dates', () => {
    const mapping: FieldMapping = {
      apiVersion: 'unsilo/v1',
      kind: 'FieldMapping',
      resource: populationEntry.code,
      source: { format: 'xlsx' },
      fields: {
        xm: { from: ['XING', 'MING'], separator: '' },
        csrq: { from: 'CSRQ', transform: { date: ['excel', 'YYYY.M.D'] } },
        xb: { value: '9' },
      },
    };
    const { compiled } = compileMapping(mapping, populationEntry, { today });
    expect(compiled!.mapRow({ XING: '欧阳', MING: '修', CSRQ: '36526' }, 1).record).toEqual({
      xm: '欧阳修',
      xb: '9',
      csrq: '2000-01-01',
    });
    expect(compiled!.mapRow({ XING: '李', MING: '白', CSRQ: '1999.1.2' }, 2).record?.csrq).toBe('1999-01-02');
  });
});

describe('mapping diagnostics against the catalogue entry', () => {
  it('reports unknown items, unmapped keys, bad codes and bad checks with positions', () => {
    const yaml = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv }
key: [gmsfhm]
fields:
  xm: { from: XM }
  xingbie: { from: XB }
  xb: { from: XB, codes: { "0": "1", "1": "3" } }
  csrq: { from: CSRQ, transform: [{ date: "YYYY-QQ" }], check: [{ pattern: "(" }] }
checks:
  - idcard-consistent: { idcard: gmsfhm, sex: xb }
`;
    const loaded = loadMapping(yaml, populationEntry);
    expect(loaded.compiled).toBeUndefined();
    const found = loaded.diagnostics.map((d) => [d.code, d.range?.start.line]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['mapping/unknown-item', 8],
        ['mapping/key-unmapped', 5],
        ['mapping/code-not-in-codeset', 9],
        ['mapping/bad-transform', 10],
        ['mapping/bad-check', 10],
        ['mapping/check-field-unmapped', 12],
      ]),
    );
    for (const d of loaded.diagnostics) expect(d.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('validates against the JSON Schema and reports each problem once, where it is', () => {
    const yaml = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv, encoding: big5 }
fields:
  xm: { from: XM, transform: [trimm] }
  xb: { from: XB, value: "1" }
  csrq: { from: CSRQ, check: [luhn], colour: red }
`;
    const loaded = loadMapping(yaml, populationEntry);
    expect(loaded.compiled).toBeUndefined();
    expect(
      loaded.diagnostics.map((d) => [d.code, d.path.join('.'), d.range?.start.line, d.range?.start.column]),
    ).toEqual([
      ['mapping/schema', 'source.encoding', 4, 34],
      ['mapping/schema', 'fields.xm.transform.0', 6, 31],
      ['mapping/schema', 'fields.xb.value', 7, 19],
      ['mapping/schema', 'fields.csrq.check.0', 8, 31],
      ['mapping/schema', 'fields.csrq.colour', 8, 38],
    ]);
    expect(loaded.diagnostics[0]?.zh).toContain('应为以下之一');
  });

  it('reports YAML syntax errors with a position instead of throwing', () => {
    const loaded = loadMapping('fields:\n  xm: { from: XM\n', populationEntry);
    expect(loaded.diagnostics[0]?.code).toBe('yaml/syntax');
    expect(loaded.diagnostics[0]?.range?.start.line).toBeGreaterThan(0);
  });

  it('reports source columns missing from the input header', () => {
    const compiled = load();
    expect(compiled.checkColumns(['SFZH', 'XM']).map((d) => d.path.join('.'))).toContain('fields.xb.from');
  });
});

describe('stringify', () => {
  it('writes exactly what JSON.stringify writes, faster', () => {
    const compiled = load();
    const records = [
      compiled.mapRow(good, 1).record!,
      compiled.mapRow({ ...good, XM: '引号"与\\反斜杠\n换行\u0001', LXDH: '' }, 2).record!,
      compiled.mapRow({ ...good, XM: 'lone \ud800 surrogate' }, 3).record!,
    ];
    for (const record of records) expect(compiled.stringify(record)).toBe(JSON.stringify(record));
    expect(compiled.stringify({})).toBe('{}');
  });

  it('encodes the same line as bytes', () => {
    const compiled = load();
    const target = new Uint8Array(1024);
    for (const values of [good, { ...good, XM: '引号"与\\反斜杠\n换行\u0001', LXDH: '' }]) {
      const record = compiled.mapRow(values, 1).record!;
      const end = compiled.encodeLine(record, target, 0);
      expect(new TextDecoder().decode(target.subarray(0, end))).toBe(`${compiled.stringify(record)}\n`);
    }
  });

  it('keeps the field order when keys are array indices (JSON.stringify would put them first)', () => {
    const mapping: FieldMapping = {
      apiVersion: 'unsilo/v1',
      kind: 'FieldMapping',
      resource: 'r',
      source: { format: 'csv' },
      fields: { name: { from: 'A' }, '2': { from: 'B' } },
    };
    const entry = { code: 'r', items: [{ key: 'name' }, { key: '2' }] };
    const compiled = compileMapping(mapping, entry).compiled!;
    expect(compiled.fields).toEqual(['name', '2']);
    const record = compiled.mapRow({ A: 'a', B: 'b' }, 1).record!;
    expect(compiled.stringify(record)).toBe('{"name":"a","2":"b"}');
    const target = new Uint8Array(256);
    const end = compiled.encodeLine(record, target, 0);
    expect(new TextDecoder().decode(target.subarray(0, end))).toBe('{"name":"a","2":"b"}\n');
  });
});

describe('generated row function', () => {
  it('gives the field loop’s outcome on every kind of row', () => {
    const generated = loadMapping(populationMappingYaml, populationEntry, { today }).compiled!;
    const loop = loadMapping(populationMappingYaml, populationEntry, { today, generate: false }).compiled!;
    const variants: Array<Record<string, string | undefined>> = [good, {}];
    const odd = [
      '',
      ' ',
      'x',
      '０',
      '1',
      '2',
      '男',
      '19491231',
      '1949/2/30',
      '110105491231002',
      '440524',
      '99',
      '-1',
    ];
    for (const column of Object.keys(good)) {
      for (const value of odd) variants.push({ ...good, [column]: value });
      variants.push({ ...good, [column]: undefined });
    }
    // Column names that are not identifiers are read by name too.
    variants.push({ ...good, 'not an identifier': 'x' });
    variants.forEach((values, i) => {
      expect(generated.mapRow(values, i + 1)).toEqual(loop.mapRow(values, i + 1));
    });
  });
});
