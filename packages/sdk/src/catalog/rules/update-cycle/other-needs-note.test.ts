import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('update-cycle/other-needs-note', () => {
  it('passes a named cycle and `other` with a note', () => {
    expect(check('update-cycle/other-needs-note', VALID_ENTRY)).toEqual([]);
    const text = vary('updateCycle: daily', 'updateCycle: other\nupdateCycleNote: 每次换届选举后更新');
    expect(check('update-cycle/other-needs-note', text)).toEqual([]);
  });

  it('warns about `other` (or 其他) without a note', () => {
    expect(
      check('update-cycle/other-needs-note', vary('updateCycle: daily', 'updateCycle: 其他')),
    ).toHaveLength(1);
  });
});
