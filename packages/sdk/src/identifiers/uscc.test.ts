import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  USCC_ALPHABET,
  USCC_REGISTRATION_AUTHORITIES,
  usccCheckChar,
  usccEmbedsValidOrgcode,
  validateUscc,
} from './uscc';

/** Arbitrary valid USCCs: a real authority/category pair, 6 region digits, 9 alphabet characters, computed check. */
const validUscc = fc
  .record({
    authority: fc.constantFrom(...Object.keys(USCC_REGISTRATION_AUTHORITIES)),
    pick: fc.nat(),
    region: fc.stringMatching(/^\d{6}$/),
    subject: fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 9, maxLength: 9 }),
  })
  .map(({ authority, pick, region, subject }) => {
    const categories = USCC_REGISTRATION_AUTHORITIES[authority]!.categories;
    const first17 = authority + categories[pick % categories.length] + region + subject.join('');
    return first17 + usccCheckChar(first17);
  });

describe('validateUscc', () => {
  it('accepts the published examples', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ valid: true, normalized: '91350100M000100Y43' });
    expect(validateUscc('91110108551385082Q')).toEqual({ valid: true, normalized: '91110108551385082Q' });
    expect(usccEmbedsValidOrgcode('91350100M000100Y43')).toBe(true);
    expect(usccEmbedsValidOrgcode('91110108551385082Q')).toBe(true);
  });

  it('normalises case, full-width characters and surrounding space', () => {
    expect(validateUscc(' 91110108551385082q ')).toEqual({ valid: true, normalized: '91110108551385082Q' });
    expect(validateUscc('９１１１０１０８５５１３８５０８２Ｑ').normalized).toBe('91110108551385082Q');
  });

  it('explains why a code is invalid, in both languages', () => {
    expect(validateUscc('91110108551385082').reason?.code).toBe('uscc.length');
    expect(validateUscc('91110108551385082I').reason?.code).toBe('uscc.charset');
    expect(validateUscc('Z1110108551385082Q').reason?.code).toBe('uscc.charset');
    expect(validateUscc('B1110108551385082Q').reason?.code).toBe('uscc.authority');
    expect(validateUscc('95110108551385082Q').reason?.code).toBe('uscc.category');
    expect(validateUscc('911101A8551385082Q').reason?.code).toBe('uscc.region');
    const checksum = validateUscc('91110108551385082R');
    expect(checksum).toMatchObject({ valid: false, reason: { code: 'uscc.checksum' } });
    expect(checksum.reason?.zh).toContain('应为 Q');
    expect(checksum.reason?.en).toContain('expected Q');
  });

  it('warns when the embedded organisation code (positions 9–17) fails its GB 11714 check', () => {
    expect(validateUscc('91110108551385083U')).toEqual({
      valid: true,
      normalized: '91110108551385083U',
      warnings: [
        {
          code: 'uscc.orgcode-checksum',
          zh: '第 9–17 位主体标识码「551385083」不符合 GB 11714 校验（校验码应为 2，实际为 3）',
          en: 'the organisation code in positions 9–17 "551385083" fails its GB 11714 check (expected 2, got 3)',
        },
      ],
    });
    expect(usccEmbedsValidOrgcode('91110108551385083U')).toBe(false);
  });

  it('treats the Fujian pilot codes as invalid (they need an allow-list)', () => {
    for (const code of ['91350100M0001TGQXM', '91350211M0000XUF46', '91350203M0001FUE2P']) {
      expect(validateUscc(code).valid).toBe(false);
    }
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validUscc, (code) => validateUscc(code).valid));
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(
        validUscc,
        fc.nat(17),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        (code, i, c) => {
          fc.pre(code[i] !== c);
          const corrupted = code.slice(0, i) + c + code.slice(i + 1);
          return validateUscc(corrupted).valid === false;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
