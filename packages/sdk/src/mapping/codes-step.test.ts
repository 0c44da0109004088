import { describe, expect, it } from 'vitest';
import { compileCodes } from './codes-step';
import { createCodesetRegistry, standardCodesets } from './codesets';
import { RowSink } from './row-sink';

/** Translates `values` with a standard code set; each value's output and the issues it raised. */
function translate(codeset: string, values: string[], by?: 'name' | 'code') {
  const step = compileCodes('f', { codeset, ...(by ? { by } : {}) }, standardCodesets);
  return values.map((value) => {
    const sink = new RowSink();
    const out = step(value, sink);
    return { value, out, errors: sink.errors?.map((e) => e.zh), warnings: sink.warnings?.map((w) => w.zh) };
  });
}

describe('codes: { codeset, by: name }', () => {
  it('matches the aliases the code set lists (男/女 for GB/T 2261.1)', () => {
    expect(translate('GB/T 2261.1', ['男', '女', '男性', '未说明', '1']).map((r) => r.out)).toEqual([
      '1',
      '2',
      '1',
      '9',
      '1',
    ]);
  });

  it('matches full-width and half-width forms and Latin letters in any case', () => {
    expect(translate('GB/T 2261.1', ['Ｍ', 'f', 'MALE', '２', ' 女 ']).map((r) => r.out)).toEqual([
      '1',
      '2',
      '1',
      '2',
      '2',
    ]);
  });

  it('translates the names of GB/T 3304, 水族 and the codes 97 and 98 included', () => {
    expect(translate('GB/T 3304', ['水族', '其他', '外国血统中国籍人士']).map((r) => r.out)).toEqual([
      '25',
      '97',
      '98',
    ]);
  });

  it('still refuses what the set does not hold', () => {
    expect(translate('GB/T 2261.1', ['X'])[0]).toMatchObject({
      out: undefined,
      errors: ['值「X」不在 GB/T 2261.1 中'],
    });
  });

  it('refuses a name that several codes carry instead of picking one', () => {
    const [result] = translate('GB/T 2260', ['朝阳区']);
    expect(result!.out).toBeUndefined();
    expect(result!.errors?.[0]).toContain('110105');
    expect(result!.errors?.[0]).toContain('220104');
  });
});

describe('codes: { codeset: GB/T 2260 }', () => {
  it('accepts the divisions of the 2023 list (临平区 330113, 钱塘区 330114)', () => {
    expect(
      translate('GB/T 2260', ['330113', '330114', '钱塘区'], 'name').map((r) => [r.out, r.errors]),
    ).toEqual([
      ['330113', undefined],
      ['330114', undefined],
      ['330114', undefined],
    ]);
  });

  it('keeps an abolished code but says it is no longer current (下城区, 江干区)', () => {
    const [byCode, byName] = translate('GB/T 2260', ['330103', '江干区']);
    expect(byCode).toEqual({
      value: '330103',
      out: '330103',
      errors: undefined,
      warnings: ['代码 330103（下城区）已不在现行 GB/T 2260 中：最后见于 MCA 2020-12，2021 年已无'],
    });
    expect(byName).toMatchObject({ out: '330104', errors: undefined });
    expect(byName!.warnings?.[0]).toContain('江干区');
  });

  it('by code, accepts only codes', () => {
    expect(translate('GB/T 2260', ['330114', '钱塘区'], 'code').map((r) => r.out)).toEqual([
      '330114',
      undefined,
    ]);
  });
});

describe('a name many codes carry', () => {
  it('names a few of them and how many there are', () => {
    const codes = ['1', '2', '3', '4', '5', '6', '7', '8'].map((code) => ({ code, label: '城区' }));
    const registry = createCodesetRegistry([{ id: 'x', name: 'X', codes }]);
    const sink = new RowSink();
    expect(compileCodes('f', { codeset: 'X' }, registry)('城区', sink)).toBeUndefined();
    expect(sink.errors?.[0]?.zh).toBe(
      '「城区」对应 X 中的多个代码（1、2、3、4、5、… 8），请按代码转换或使用代码对照表',
    );
  });
});
