import { describe, expect, it } from 'vitest';
import { heldDeletesReason, MASS_DELETE_MIN, type VanishedKeys } from './delete-guard';

const run = (over: Partial<VanishedKeys>): VanishedKeys => ({
  vanished: 3,
  known: 1000,
  rowsRead: 997,
  keylessRejects: 0,
  ...over,
});

describe('heldDeletesReason', () => {
  it('lets the few deletions of a normal run go', () => {
    expect(heldDeletesReason(run({}), {})).toBeUndefined();
    expect(heldDeletesReason(run({ vanished: 0, rowsRead: 0 }), {})).toBeUndefined();
  });

  it('holds every delete of an input without rows, small resources included, unless allowed', () => {
    expect(heldDeletesReason(run({ vanished: 3, known: 3, rowsRead: 0 }), {})).toBe('empty-input');
    expect(heldDeletesReason(run({ vanished: 1000, rowsRead: 0 }), { allowMassDelete: true })).toBe(
      'empty-input',
    );
    expect(
      heldDeletesReason(run({ vanished: 1000, rowsRead: 0 }), { allowEmptySnapshot: true }),
    ).toBeUndefined();
  });

  it('holds more than half of the known keys, above the small absolute floor', () => {
    const half = { known: 1000, rowsRead: 500 };
    expect(heldDeletesReason(run({ ...half, vanished: 500 }), {})).toBeUndefined();
    expect(heldDeletesReason(run({ ...half, vanished: 501 }), {})).toBe('mass-delete');
    expect(heldDeletesReason(run({ ...half, vanished: 501 }), { allowMassDelete: true })).toBeUndefined();
    // A tiny resource may lose most of its keys without a review.
    const tiny = { known: MASS_DELETE_MIN, rowsRead: 1, vanished: MASS_DELETE_MIN - 1 };
    expect(heldDeletesReason(run(tiny), {})).toBeUndefined();
  });

  it('needs each reason allowed on its own', () => {
    const both = run({ vanished: 900, rowsRead: 101, keylessRejects: 1 });
    expect(heldDeletesReason(both, {})).toBe('mass-delete');
    expect(heldDeletesReason(both, { allowDeletesWithRejects: true })).toBe('mass-delete');
    expect(heldDeletesReason(both, { allowMassDelete: true })).toBe('keyless-rejects');
    expect(heldDeletesReason(both, { allowMassDelete: true, allowDeletesWithRejects: true })).toBeUndefined();
  });
});
