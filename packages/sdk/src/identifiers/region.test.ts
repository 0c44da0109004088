import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';
import { describe, expect, it } from 'vitest';
import { checkRegion, isKnownProvince, regionName, regionStatus } from './region';

describe('checkRegion', () => {
  it('finds a current code and its name', () => {
    expect(checkRegion('110105')).toEqual({ valid: true, status: 'current', name: '朝阳区' });
    expect(regionName('330100')).toBe('杭州市');
  });
  it('treats a well-formed code missing from the current list as not current, still valid', () => {
    // 440524 (汕头市潮阳县) was abolished long ago but appears in the GB 11643 example number.
    expect(checkRegion('440524')).toEqual({ valid: true, status: 'not-current' });
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
    const others = ['', '11010', '1101051', '11010A', '990101', '440524', '000000', '１１０１０５', ' 11010'];
    for (const code of [...codes, ...others]) expect(regionStatus(code)).toBe(checkRegion(code).status);
  });
});
