import { describe, expect, it } from 'vitest';
import { canonicalJson, operationsHash } from '../client/receipts';
import { acceptedOperationsHash } from './operations-hash';

describe('acceptedOperationsHash', () => {
  it('is the receipt hash of the accepted operations, from their canonical JSON', async () => {
    const upserts = [
      { xm: '张三', gmsfhm: '11010519491231002X' },
      { nested: { b: 1, a: [2] }, a: 'x' },
    ];
    const deletes = [{ gmsfhm: '440524188001010014' }];
    const expected = await operationsHash([
      ...upserts.map((record) => ({ op: 'upsert', record })),
      ...deletes.map((key) => ({ op: 'delete', key })),
    ]);
    expect(acceptedOperationsHash(upserts.map(canonicalJson), deletes.map(canonicalJson))).toBe(expected);
    expect(acceptedOperationsHash([], [])).toBe(await operationsHash([]));
  });
});
