import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgcodeCheckChar, validateOrgcode } from './orgcode';

const BODY_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const value = (c: string) => BODY_ALPHABET.indexOf(c);
const validOrgcode = fc
  .array(fc.constantFrom(...BODY_ALPHABET), { minLength: 8, maxLength: 8 })
  .map((chars) => chars.join('') + orgcodeCheckChar(chars.join('')));

describe('validateOrgcode', () => {
  it('accepts the organisation codes embedded in the published USCC examples', () => {
    expect(validateOrgcode('551385082')).toEqual({ valid: true, normalized: '551385082' });
    expect(validateOrgcode('M000100Y4')).toEqual({ valid: true, normalized: 'M000100Y4' });
  });

  it('accepts the printed form with a hyphen, lower case and full-width characters', () => {
    expect(validateOrgcode('55138508-2').normalized).toBe('551385082');
    expect(validateOrgcode('m000100y4').normalized).toBe('M000100Y4');
    expect(validateOrgcode('５５１３８５０８２').normalized).toBe('551385082');
  });

  it('maps the remainders 10 and 11 to X and 0', () => {
    expect(orgcodeCheckChar('00000001')).toBe('9');
    // A weighted sum ≡ 1 (mod 11) gives 10 → X; a multiple of 11 gives 11 → 0.
    expect(orgcodeCheckChar('00000000')).toBe('0');
    const bodyForX = [...Array(36).keys()]
      .map((n) => `0000000${BODY_ALPHABET[n]}`)
      .find((body) => (value(body[7]!) * 2) % 11 === 1)!;
    expect(orgcodeCheckChar(bodyForX)).toBe('X');
  });

  it('explains why a code is invalid', () => {
    expect(validateOrgcode('55138508').reason?.code).toBe('orgcode.length');
    expect(validateOrgcode('5513850-82').reason?.code).toBe('orgcode.length');
    expect(validateOrgcode('55138508Y').reason?.code).toBe('orgcode.charset');
    expect(validateOrgcode('551385083')).toMatchObject({
      valid: false,
      reason: { code: 'orgcode.checksum' },
    });
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validOrgcode, (code) => validateOrgcode(code).valid));
  });

  it('detects every substitution except those MOD 11 cannot see (values differing by a multiple of 11)', () => {
    fc.assert(
      fc.property(validOrgcode, fc.nat(8), fc.constantFrom(...BODY_ALPHABET), (code, i, c) => {
        fc.pre(code[i] !== c);
        const corrupted = code.slice(0, i) + c + code.slice(i + 1);
        const blindSpot = i < 8 && (value(c) - value(code[i]!)) % 11 === 0;
        return validateOrgcode(corrupted).valid === blindSpot;
      }),
      { numRuns: 3000 },
    );
  });

  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(validOrgcode, fc.nat(8), fc.constantFrom(...'0123456789'), (code, i, c) => {
        fc.pre(code[i] !== c && /\d/.test(code[i]!));
        return !validateOrgcode(code.slice(0, i) + c + code.slice(i + 1)).valid;
      }),
    );
  });
});
