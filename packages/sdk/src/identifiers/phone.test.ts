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
