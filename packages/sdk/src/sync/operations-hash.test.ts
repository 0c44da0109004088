import { describe, expect, it } from 'vitest';
import { operationsHash } from '../client/receipts';
import { acceptedOperationsHash, canonicalRecord } from './operations-hash';

describe('acceptedOperationsHash', () => {
  it('equals the receipt hash of the canonical operations, whatever the key order or member types', async () => {
    const upserts = [
      { xm: '张三', gmsfhm: '11010519491231002X', n: 3.5, ok: true, none: null },
      canonicalRecord({ zz: 'é\u2028"q"', a: '1', b: undefined }),
      { nested: { b: 1, a: [2, { d: 1, c: 0 }] }, a: 'x' },
    ];
    const deletes = [{ gmsfhm: '440524188001010014' }, { k2: 2, k1: 'v' }];
    const expected = await operationsHash([
      ...upserts.map((record) => ({ op: 'upsert', record })),
      ...deletes.map((key) => ({ op: 'delete', key })),
    ]);
    expect(acceptedOperationsHash(upserts, deletes)).toBe(expected);
    expect(acceptedOperationsHash([], [])).toBe(await operationsHash([]));
  });

  it('canonicalRecord sorts keys and drops undefined members', () => {
    expect(Object.keys(canonicalRecord({ b: 1, a: undefined, c: 'x', A: 2 }))).toEqual(['A', 'b', 'c']);
  });
});
