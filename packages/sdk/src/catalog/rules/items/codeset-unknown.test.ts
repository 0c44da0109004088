import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('items/codeset-unknown', () => {
  it('passes registered code sets, by name, id or name with year', () => {
    expect(check('items/codeset-unknown', VALID_ENTRY)).toEqual([]);
    expect(check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: gbt-2261-1'))).toEqual([]);
    expect(check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: GB/T 2261.1-2003'))).toEqual(
      [],
    );
  });

  it('reports an unregistered code set and offers the nearest', () => {
    const text = vary('codeset: GB/T 2261.1', 'codeset: GBT2261.1');
    expect(check('items/codeset-unknown', text)[0]?.message.en).toContain('did you mean "GB/T 2261.1"?');
    expect(fixed('items/codeset-unknown', text)).toContain('codeset: GB/T 2261.1 }');
    expect(check('items/codeset-unknown', text)[0]?.fixes[0]?.suggestion).toBeUndefined();
    // A close spelling may be another standard: offered, not applied by --fix.
    const close = check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: GB/T 2216.1'));
    expect(close[0]?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
    const unrelated = check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: 本局自定义'));
    expect(unrelated[0]?.fixes).toEqual([]);
  });
});
