import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { acceptedOperationsHash, OperationsHash } from './operations-hash';

const upserts = [
  { xm: '张三', gmsfhm: '11010519491231002X' },
  { nested: { b: 1, a: [2] }, a: 'x' },
];
const deletes = [{ gmsfhm: '440524188001010014' }, { gmsfhm: 7 }];

/** What the receipt's hash is defined as: sha256 hex of the canonical JSON of the operations array. */
function definedHash(operations: unknown[]): string {
  return createHash('sha256').update(canonicalJson(operations)).digest('hex');
}

describe('acceptedOperationsHash', () => {
  it('is the receipt hash of the accepted operations, from their canonical JSON', () => {
    const expected = definedHash([
      ...upserts.map((record) => ({ op: 'upsert', record })),
      ...deletes.map((key) => ({ op: 'delete', key })),
    ]);
    expect(acceptedOperationsHash(upserts.map(canonicalJson), deletes.map(canonicalJson))).toBe(expected);
    expect(acceptedOperationsHash([], [])).toBe(definedHash([]));
  });

  it('gives the same hash from records as UTF-8 bytes, fed one at a time as the exchange accepts them', () => {
    const utf8 = new TextEncoder();
    const hash = new OperationsHash();
    for (const record of upserts) hash.upsert(utf8.encode(canonicalJson(record)));
    for (const key of deletes) hash.delete(canonicalJson(key));
    expect(hash.digest()).toBe(
      acceptedOperationsHash(upserts.map(canonicalJson), deletes.map(canonicalJson)),
    );
    expect(new OperationsHash().delete('{"id":1}').digest()).toBe(
      definedHash([{ op: 'delete', key: { id: 1 } }]),
    );
  });
});
