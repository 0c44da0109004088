import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';
import { describe, expect, it } from 'vitest';
import { checkRegion, isKnownProvince, regionName, regionStatus } from './region';

describe('checkRegion', () => {
  it('finds a current code and its name', () => {
    expect(checkRegion('110105')).toEqual({ valid: true, status: 'current', name: '朝阳区' });
    expect(regionName('330100')).toBe('杭州市');
  });
  it('knows the divisions of the 2023 list: 临平区 and 钱塘区 (2021) are current', () => {
    expect(checkRegion('330113')).toEqual({ valid: true, status: 'current', name: '临平区' });
    expect(checkRegion('330114')).toEqual({ valid: true, status: 'current', name: '钱塘区' });
  });

  it('reports an abolished code apart, with its name and the year it was gone by', () => {
    expect(checkRegion('330103')).toEqual({
      valid: true,
      status: 'abolished',
      name: '下城区',
      lastListed: 'MCA 2020-12',
      ended: 2021,
    });
    expect(checkRegion('330104')).toMatchObject({ status: 'abolished', name: '江干区', ended: 2021 });
  });

  it('treats a well-formed code no edition lists as unknown, still valid (the history starts about 1998)', () => {
    // 440524 (汕头市潮阳县) was abolished before 1998 but appears in the GB 11643 example number.
    expect(checkRegion('440524')).toEqual({ valid: true, status: 'unknown' });
  });
  it('rejects an unknown province and a malformed code', () => {
    expect(checkRegion('990101')).toEqual({ valid: false, status: 'province' });
    expect(checkRegion('11010')).toEqual({ valid: false, status: 'format' });
    expect(checkRegion('11010A')).toEqual({ valid: false, status: 'format' });
  });
  it('knows the special prefixes', () => {
    expect(['71', '81', '82', '83', '91'].every(isKnownProvince)).toBe(true);
    expect(isKnownProvince('20')).toBe(false);
  });
});

describe('regionStatus', () => {
  it('gives the status checkRegion gives, for every listed code and for others', () => {
    const codes = gbt2260.codes.map((c: { code: string }) => c.code);
    const others = [
      '',
      '11010',
      '1101051',
      '11010A',
      '990101',
      '440524',
      '330103',
      '000000',
      '１１０１０５',
      ' 11010',
    ];
    for (const code of [...codes, ...others]) expect(regionStatus(code)).toBe(checkRegion(code).status);
  });
});
