import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('provider/code-checksum', () => {
  it('passes a valid unified social credit code', () => {
    expect(check('provider/code-checksum', VALID_ENTRY)).toEqual([]);
  });

  it('reports a wrong check character with the expected one', () => {
    const [diagnostic] = check(
      'provider/code-checksum',
      vary('"11330100MB0000019K"', '"11330100MB0000019A"'),
    );
    expect(diagnostic?.message.en).toBe(
      'provider code "11330100MB0000019A" is not a valid unified social credit code: check character mismatch: expected K, got A (GB 32100)',
    );
  });

  it('keeps all-digit codes as written (no float rounding) and reports them', () => {
    const [diagnostic] = check('provider/code-checksum', vary('"11330100MB0000019K"', '113301001234567890'));
    expect(diagnostic?.message.en).toContain('"113301001234567890"');
  });

  it('accepts allow-listed legacy pilot codes', () => {
    const text = vary('"11330100MB0000019K"', '"91350100M0001TGQXM"');
    expect(check('provider/code-checksum', text)).toHaveLength(1);
    expect(
      check('provider/code-checksum', text, [], { allow: { providerCodes: ['91350100M0001TGQXM'] } }),
    ).toEqual([]);
  });
});
