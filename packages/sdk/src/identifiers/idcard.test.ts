import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasIdcardCheckChar, idcardCheckChar, idcardFacts, upgradeIdcard15, validateIdcard } from './idcard';

const today = new Date('2026-11-26T00:00:00Z');

describe('validateIdcard', () => {
  it.each(['11010519491231002X', '440524188001010014', '34052419800101001X', '11012119880808223X'])(
    'accepts the standard example %s',
    (id) => {
      expect(validateIdcard(id, today)).toMatchObject({ valid: true, normalized: id });
    },
  );

  it('has nothing to say about a number whose area code is current', () => {
    expect(validateIdcard('11010519491231002X', today)).toEqual({
      valid: true,
      normalized: '11010519491231002X',
    });
  });

  it('accepts an area code of first registration that has since been abolished (下城区, gone by 2021)', () => {
    expect(validateIdcard('330103199001010019', today)).toEqual({
      valid: true,
      normalized: '330103199001010019',
    });
    expect(validateIdcard('330113199001010011', today).warnings).toBeUndefined();
  });

  it('warns, without refusing, about an area code no edition of GB/T 2260 lists', () => {
    // The history starts about 1998: 440524 (潮阳县, the standard's own example) is older than that.
    for (const id of ['110199199001010010', '440524188001010014']) {
      const result = validateIdcard(id, today);
      expect(result).toMatchObject({ valid: true, normalized: id });
      expect(result.warnings?.map((w) => w.code)).toEqual(['idcard.region-unknown']);
    }
    expect(validateIdcard('110199199001010010', today).warnings?.[0]).toEqual({
      code: 'idcard.region-unknown',
      zh: '第 1–6 位地址码「110199」不在已知的任何一版 GB/T 2260 中（已知各版始于约 1998 年）',
      en: 'area code 110199 (digits 1–6) is in no known edition of GB/T 2260 (the editions known start about 1998)',
    });
  });

  it('reads "today" in the city’s time zone: a child born today in Beijing is not born in the future', () => {
    const eveningUtc = new Date('2026-11-25T17:00:00Z'); // 01:00 on 26 November in Beijing
    expect(validateIdcard('11010520261126002X', eveningUtc).valid).toBe(true);
    expect(validateIdcard('11010520261126002X', eveningUtc, 'UTC').reason?.code).toBe('idcard.birth-date');
  });

  it('says why, in both languages, with the digits at fault', () => {
    expect(validateIdcard('110105194912310021', today).reason).toEqual({
      code: 'idcard.checksum',
      zh: '校验码错误：应为 X，实际为 1（GB 11643）',
      en: 'check character mismatch: expected X, got 1 (GB 11643)',
    });
    const province = `99010519491231002${idcardCheckChar('99010519491231002')}`;
    expect(validateIdcard(province, today).reason).toEqual({
      code: 'idcard.province',
      zh: '前两位「99」不是已知的省级行政区划代码',
      en: 'the first two digits "99" are not a known province code',
    });
    const birth = `11010519490230002${idcardCheckChar('11010519490230002')}`;
    expect(validateIdcard(birth, today).reason).toEqual({
      code: 'idcard.birth-date',
      zh: '第 7–14 位「19490230」不是有效的出生日期',
      en: 'digits 7–14 "19490230" are not a real birth date',
    });
  });

  it('normalizes a lower-case x', () => {
    expect(validateIdcard('11010519491231002x', today)).toEqual({
      valid: true,
      normalized: '11010519491231002X',
    });
  });

  it.each([
    ['', 'empty'],
    ['1101051949123100', 'length'],
    ['11010519491231002Y', 'charset'],
    ['1101051949123100AX', 'charset'],
    ['110105194912310021', 'checksum'],
    [`99010519491231002${idcardCheckChar('99010519491231002')}`, 'province'],
    [`11010519490230002${idcardCheckChar('11010519490230002')}`, 'birth-date'],
    [`11010520300101002${idcardCheckChar('11010520300101002')}`, 'birth-date'],
  ])('rejects %s with %s', (id, reason) => {
    const result = validateIdcard(id, today);
    expect(result.valid).toBe(false);
    expect(result.reason?.code).toBe(`idcard.${reason}`);
    expect(result.reason?.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('points a 15-digit number to its 18-character form', () => {
    expect(validateIdcard('610104620927690', today).reason?.en).toContain('610104196209276908');
  });

  it('offers no 18-character form for a 15-digit number whose date is impossible', () => {
    expect(validateIdcard('610104621327690', today).reason).toEqual({
      code: 'idcard.birth-date',
      zh: '15 位旧号码第 7–12 位「621327」不是有效的出生日期',
      en: 'digits 7–12 "621327" of a 15-digit number are not a real birth date',
    });
  });

  it('reads region, birth date and sex from the digits', () => {
    expect(idcardFacts('11010519491231002X')).toEqual({
      region: '110105',
      birthDate: '1949-12-31',
      sex: '2',
    });
    expect(idcardFacts('440524188001010014')).toEqual({
      region: '440524',
      birthDate: '1880-01-01',
      sex: '1',
    });
  });
});

describe('upgradeIdcard15', () => {
  it('inserts the century and appends the check character', () => {
    expect(upgradeIdcard15('610104620927690')).toBe('610104196209276908');
  });
  it('keeps 18-character numbers and refuses other lengths', () => {
    expect(upgradeIdcard15('11010519491231002x')).toBe('11010519491231002X');
    expect(upgradeIdcard15('12345')).toBeUndefined();
    expect(upgradeIdcard15('61010462092769A')).toBeUndefined();
  });
});

// Generates 17-digit bodies with a known province and a real birth date between 1900 and 2020.
const validBody = fc
  .tuple(
    fc.constantFrom('11', '31', '44', '51', '65', '81'),
    fc.integer({ min: 0, max: 9999 }),
    fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([province, rest, birth, seq]) => {
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    return `${province}${String(rest).padStart(4, '0')}${ymd}${String(seq).padStart(3, '0')}`;
  });

describe('GB 11643 check character (property)', () => {
  it('every generated number with its computed check character is valid', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        expect(validateIdcard(body + idcardCheckChar(body)!, today).valid).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('every single-digit substitution makes the number fail the check', () => {
    fc.assert(
      fc.property(
        validBody,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (body, pos, delta) => {
          const id = body + idcardCheckChar(body)!;
          const alphabet = pos === 17 ? '0123456789X' : '0123456789';
          const size = alphabet.length;
          const current = alphabet.indexOf(id[pos]!);
          const step = pos === 17 ? delta : ((delta - 1) % 9) + 1;
          const replaced = alphabet[(current + step) % size]!;
          const mutated = id.slice(0, pos) + replaced + id.slice(pos + 1);
          const body17 = mutated.slice(0, 17);
          expect(idcardCheckChar(body17)).not.toBe(mutated[17]);
          expect(validateIdcard(mutated, today).valid).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('hasIdcardCheckChar', () => {
  it('agrees with idcardCheckChar on valid, mutated and arbitrary strings', () => {
    const agrees = (id: string): void => {
      expect(hasIdcardCheckChar(id)).toBe(idcardCheckChar(id.slice(0, 17)) === id[17] && id.length === 18);
    };
    fc.assert(
      fc.property(
        validBody,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789Xx '),
        (body, pos, c) => {
          const id = body + idcardCheckChar(body)!;
          agrees(id);
          agrees(id.slice(0, pos) + c + id.slice(pos + 1));
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        agrees(text);
      }),
    );
    for (const id of ['', '11010519491231002X', '11010519491231002x', '１1010519491231002X']) agrees(id);
  });
});
