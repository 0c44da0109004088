import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealDate } from '../identifiers/calendar-date';
import {
  compileDateReader,
  compileNumberReader,
  excelSerialToIso,
  halfwidth,
  idcard18,
  isIsoDate,
  toLower,
  toUpper,
} from './transforms';

describe('halfwidth', () => {
  it('turns full-width letters, digits, punctuation and the ideographic space half-width', () => {
    expect(halfwidth('ＡＢＣ　１２３，（测试）')).toBe('ABC 123,(测试)');
    const plain = 'already plain';
    expect(halfwidth(plain)).toBe(plain);
  });
});

describe('dates', () => {
  const read = compileDateReader(['YYYYMMDD', 'YYYY年M月D日', 'YYYY/M/D', 'excel']);
  it.each([
    ['19491231', '1949-12-31'],
    ['1949年1月3日', '1949-01-03'],
    ['2024/2/29', '2024-02-29'],
    ['2024-02-29', '2024-02-29'],
    ['45292', '2024-01-01'],
    ['1', '1900-01-01'],
    ['61', '1900-03-01'],
  ])('reads %s as %s', (text, iso) => {
    expect(read(text)).toBe(iso);
  });
  it.each(['20230229', '2023年13月1日', '2023/2/30', '2023-02-29', 'yesterday', '60', ''])(
    'refuses %s',
    (text) => {
      expect(read(text)).toBeUndefined();
    },
  );
  it('converts Excel serials across the 1900 leap-year quirk', () => {
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeUndefined();
    expect(excelSerialToIso(36526.75)).toBe('2000-01-01');
  });
  it('knows ISO dates', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('isIsoDate reads the parts as Number does when they are not all digits', () => {
    // What isIsoDate has always answered: each part through Number.
    const byNumber = (v: string) => {
      if (v.length !== 10 || v[4] !== '-' || v[7] !== '-') return false;
      const [y, m, d] = [v.slice(0, 4), v.slice(5, 7), v.slice(8, 10)].map(Number) as [
        number,
        number,
        number,
      ];
      return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && isRealDate(y, m, d);
    };
    const part = (n: number) =>
      fc.array(fc.constantFrom(...'0123456789 +-.eX'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(part(4), part(2), part(2), (y, m, d) => {
        expect(isIsoDate(`${y}-${m}-${d}`)).toBe(byNumber(`${y}-${m}-${d}`));
      }),
      { numRuns: 2000 },
    );
    for (const v of [' 202-01-01', '2024-02-29', '2023-02-29', '0000-01-01', '+202-01-01', '2024-1 -01'])
      expect(isIsoDate(v)).toBe(byNumber(v));
  });
});

describe('numbers', () => {
  it('drops thousands separators', () => {
    const read = compileNumberReader();
    expect(read('1,234,567.50')).toBe('1234567.50');
    expect(read('１２')).toBeUndefined();
    expect(read('+12')).toBe('12');
    expect(read('1.2.3')).toBeUndefined();
    expect(compileNumberReader(',')('1.234.567,5')).toBe('1234567.5');
  });
});

describe('idcard18', () => {
  it('upgrades 15 digits, upper-cases x and leaves other lengths for the check', () => {
    expect(idcard18('610104620927690')).toBe('610104196209276908');
    expect(idcard18('11010519491231002x')).toBe('11010519491231002X');
    expect(idcard18('123')).toBe('123');
    expect(idcard18('61010462092769A')).toBeUndefined();
  });
});

describe('upper and lower', () => {
  it('give what toUpperCase and toLowerCase give, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('ß', 'ﬁ', 'ａｂ', 'İ', 'x1Y')),
        (text) => {
          expect(toUpper(text)).toBe(text.toUpperCase());
          expect(toLower(text)).toBe(text.toLowerCase());
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('numbers made of plain digits', () => {
  it('read as the general path reads them (here reached through a leading space)', () => {
    for (const separator of ['.', ',']) {
      const read = compileNumberReader(separator);
      fc.assert(
        fc.property(fc.stringMatching(/^\d{1,20}$/), (digits) => {
          expect(read(digits)).toBe(read(` ${digits}`));
          expect(read(digits)).toBe(digits);
        }),
      );
    }
  });
});

describe('compact dates', () => {
  it('YYYYMMDD: the same digits with hyphens for every real day from year 1, nothing otherwise', () => {
    const read = compileDateReader(['YYYYMMDD']);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (v) => {
        const [y, m, d] = [v.slice(0, 4), v.slice(4, 6), v.slice(6)].map(Number) as [number, number, number];
        const real = y >= 1 && isRealDate(y, m, d);
        expect(read(v)).toBe(real ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}` : undefined);
      }),
      { numRuns: 3000 },
    );
    expect(read('00010101')).toBe('0001-01-01');
    expect(read('00000101')).toBeUndefined();
  });
});
