import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

const notShared = vary('  type: conditional', '  type: none');

describe('open/requires-share', () => {
  it('passes a shared resource that is open, and one neither shared nor open', () => {
    expect(check('open/requires-share', vary('open:\n  type: none', 'open:\n  type: unconditional'))).toEqual(
      [],
    );
    expect(check('open/requires-share', notShared)).toEqual([]);
    expect(check('open/requires-share', VALID_ENTRY)).toEqual([]);
  });

  it('reports a resource not shared but open, and sets open.type to none', () => {
    const text = vary('open:\n  type: none', 'open:\n  type: 无条件开放', notShared);
    expect(check('open/requires-share', text)[0]?.message.en).toContain('open.type must be none');
    expect(fixed('open/requires-share', text)).toContain('open:\n  type: none\n');
    expect(check('open/requires-share', text)[0]?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
  });
});
