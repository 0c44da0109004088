import { describe, expect, it } from 'vitest';
import { idcardCheckChar } from '../identifiers/idcard';
import { parseMapping } from './parse';
import { RowSink } from './row-sink';
import type { CheckSpec } from './types';
import { compileCheck } from './validators';

/** Runs one compiled check over a value: whether it passed, and the issues it raised. */
function run(spec: CheckSpec, value: string, options: Parameters<typeof compileCheck>[2] = {}) {
  const sink = new RowSink();
  const passed = compileCheck('f', spec, options)(value, sink);
  return { passed, errors: sink.errors?.map((e) => e.rule), warnings: sink.warnings };
}

describe('check: region', () => {
  it('passes the divisions of the 2023 list without a word (临平区 330113, 钱塘区 330114)', () => {
    expect(run('region', '330113')).toEqual({ passed: true, errors: undefined, warnings: undefined });
    expect(run('region', '330114').warnings).toBeUndefined();
  });

  it('passes an abolished code with a warning that names it and the year it was gone by', () => {
    expect(run('region', '330103').warnings).toEqual([
      {
        field: 'f',
        rule: 'region',
        value: '330103',
        message:
          'code 330103 (下城区) is no longer in the current GB/T 2260: last listed in MCA 2020-12, gone by 2021',
        zh: '代码 330103（下城区）已不在现行 GB/T 2260 中：最后见于 MCA 2020-12，2021 年已无',
      },
    ]);
  });

  it('says apart a code that no edition lists', () => {
    const { passed, warnings } = run('region', '110199');
    expect(passed).toBe(true);
    expect(warnings?.[0]?.zh).toBe('行政区划代码不在已知的任何一版 GB/T 2260 中（已知各版始于约 1998 年）');
  });
});

describe('check: uscc', () => {
  const embedsBadOrgcode = '91110108551385083U';

  it('warns when the embedded organisation code fails GB 11714, and keeps the row', () => {
    const { passed, errors, warnings } = run('uscc', embedsBadOrgcode);
    expect([passed, errors]).toEqual([true, undefined]);
    expect(warnings?.map((w) => [w.rule, w.zh])).toEqual([
      [
        'uscc',
        '统一社会信用代码存疑：第 9–17 位主体标识码「551385083」不符合 GB 11714 校验（校验码应为 2，实际为 3）',
      ],
    ]);
  });

  it('takes { uscc: { embeddedOrgcode: warning | error | off } } in a mapping file', () => {
    const mapping = (severity: string) =>
      `apiVersion: unsilo/v1\nkind: FieldMapping\nresource: "307001030801/000012"\nsource: { format: csv }\n` +
      `fields:\n  tyshxydm: { from: DM, check: [{ uscc: { embeddedOrgcode: ${severity} } }] }\n`;
    expect(parseMapping(mapping('error')).diagnostics).toEqual([]);
    expect(parseMapping(mapping('fatal')).diagnostics.map((d) => d.code)).toEqual(['mapping/schema']);
  });

  it('rejects it instead with { uscc: { embeddedOrgcode: error } }, and says nothing with off', () => {
    expect(run({ uscc: { embeddedOrgcode: 'error' } }, embedsBadOrgcode)).toMatchObject({
      passed: false,
      errors: ['uscc'],
    });
    expect(run({ uscc: { embeddedOrgcode: 'off' } }, embedsBadOrgcode)).toEqual({
      passed: true,
      errors: undefined,
      warnings: undefined,
    });
    expect(run({ uscc: { embeddedOrgcode: 'error' } }, '91350100M000100Y43').passed).toBe(true);
  });
});

describe('check: idcard', () => {
  it('reads "today" in Asia/Shanghai: born today in Beijing is not born in the future', () => {
    const eveningUtc = new Date('2026-11-25T17:00:00Z'); // 01:00 on 26 November in Beijing
    expect(run('idcard', '11010520261126002X', { today: eveningUtc }).passed).toBe(true);
    const bornTomorrow = `11010520261127002${idcardCheckChar('11010520261127002')}`;
    expect(run('idcard', bornTomorrow, { today: '2026-11-26' })).toMatchObject({
      passed: false,
      errors: ['idcard'],
    });
  });

  it('warns about an area code no edition lists, and keeps the row', () => {
    const { passed, warnings } = run('idcard', '110199199001010010');
    expect(passed).toBe(true);
    expect(warnings?.map((w) => w.rule)).toEqual(['idcard']);
  });
});
