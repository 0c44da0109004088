import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

describe('items/duplicate', () => {
  it('passes distinct names and keys', () => {
    expect(check('items/duplicate', VALID_ENTRY)).toEqual([]);
  });

  it('reports the repeated name and key at the second item, citing the first', () => {
    const text = vary('{ name: 出生日期, key: csrq, type: D }', '{ name: 姓名, key: xm, type: D }');
    const diagnostics = check('items/duplicate', text);
    expect(diagnostics.map((d) => [at(d), d.message.en])).toEqual([
      ['17:13', 'item name "姓名" is repeated (first on line 15)'],
      ['17:22', 'item key "xm" is repeated (first on line 15)'],
    ]);
  });
});
