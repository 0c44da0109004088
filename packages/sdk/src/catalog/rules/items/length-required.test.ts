import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('items/length-required', () => {
  it('passes C and N items with a length and D items without', () => {
    expect(check('items/length-required', VALID_ENTRY)).toEqual([]);
  });

  it('warns about a C item without a length', () => {
    const text = vary('{ name: 姓名, key: xm, type: C, length: 50 }', '{ name: 姓名, key: xm, type: C }');
    const [diagnostic] = check('items/length-required', text);
    expect(diagnostic?.severity).toBe('warning');
    expect(diagnostic?.message.en).toBe('item "姓名" is of type C and needs a length');
  });
});
