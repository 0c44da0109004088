import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePhone } from './phone';

describe('validatePhone', () => {
  it.each([
    ['13800138000', '13800138000', 'mobile'],
    ['+86 138-0013-8000', '13800138000', 'mobile'],
    ['010-12345678', '010-12345678', 'landline'],
    ['01012345678', '010-12345678', 'landline'],
    ['0571-8765432', '0571-8765432', 'landline'],
    ['(0571)87654321转123', '0571-87654321-123', 'landline'],
  ])('accepts %s as %s', (value, normalized, kind) => {
    expect(validatePhone(value)).toEqual({ valid: true, normalized, kind });
  });

  it.each([
    ['', 'empty'],
    ['12800138000', 'format'],
    ['1380013800', 'format'],
    ['10-1234567', 'format'],
    ['abc', 'format'],
  ])('rejects %s', (value, reason) => {
    const result = validatePhone(value);
    expect(result.valid).toBe(false);
    expect(result.reason?.code).toBe(`phone.${reason}`);
  });
});

describe('validatePhone on plain 11-digit numbers', () => {
  it('answers as it does for the same number with spaces around it (the general path)', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 11, maxLength: 11 });
    fc.assert(
      fc.property(digits, fc.constantFrom('1', '0', '2'), (d, lead) => {
        const value = lead + d.slice(1).join('');
        expect(validatePhone(value)).toEqual(validatePhone(` ${value} `));
      }),
      { numRuns: 1000 },
    );
  });
});
