import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, operationsHash } from '../client/receipts';
import { acceptedOperationsHash, createRecordSerializer, encodeBatch } from './operations-hash';

describe('createRecordSerializer', () => {
  it('gives the canonical JSON of each record, whatever its shape, key order or member types', () => {
    const serialize = createRecordSerializer();
    const records: Array<Record<string, unknown>> = [
      { xm: '张三', gmsfhm: '11010519491231002X', n: 3.5, ok: true, none: null },
      { xm: '李四', gmsfhm: '440524188001010014', n: -0, ok: false, none: null },
      { zz: 'é\u2028"q"', a: '1', b: undefined, '10': 'ten', '9': 'nine' },
      { nested: { b: 1, a: [2, { d: 1, c: 0 }] }, a: 'x' },
      { xm: '王五', gmsfhm: '11010519491231002X', n: 1, ok: true, none: null },
    ];
    for (const record of records) expect(serialize(record)).toBe(canonicalJson(record));
  });

  it('agrees with canonicalJson on generated flat records of a few shapes', () => {
    const serialize = createRecordSerializer();
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
      fc.constant(undefined),
    );
    const keys = fc.constantFrom('gmsfhm', 'xm', 'xb', 'csrq', 'Zz', '姓名', '2', '10');
    fc.assert(
      fc.property(fc.array(fc.dictionary(keys, scalar), { maxLength: 20 }), (records) => {
        for (const record of records) expect(serialize(record)).toBe(canonicalJson(record));
      }),
    );
  });

  it('refuses what JSON cannot carry, as canonicalJson does', () => {
    expect(() => createRecordSerializer()({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('encodeBatch and acceptedOperationsHash', () => {
  const serialize = createRecordSerializer();
  const upserts = [
    { xm: '张三', gmsfhm: '11010519491231002X', n: 3.5, ok: true, none: null },
    { zz: 'é\u2028"q"', a: '1', b: undefined },
    { nested: { b: 1, a: [2, { d: 1, c: 0 }] }, a: 'x' },
  ];
  const deletes = [{ gmsfhm: '440524188001010014' }, { k2: 2, k1: 'v' }];

  it('sends a body that reads back as the batch', () => {
    const encoded = encodeBatch(upserts.map(serialize), deletes);
    const text = encoded.bytes.toString('utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ upsert: upserts, delete: deletes })));
    expect(encodeBatch([], deletes).bytes.toString('utf8')).toBe(
      '{"delete":[{"gmsfhm":"440524188001010014"},{"k1":"v","k2":2}]}',
    );
    expect(encodeBatch(['{"a":"张"}'], []).bytes.toString('utf8')).toBe('{"upsert":[{"a":"张"}]}');
  });

  it('carries the receipt hash of the canonical operations when all are accepted', async () => {
    const encoded = encodeBatch(upserts.map(serialize), deletes);
    const expected = await operationsHash([
      ...upserts.map((record) => ({ op: 'upsert', record })),
      ...deletes.map((key) => ({ op: 'delete', key })),
    ]);
    expect(encoded.allAcceptedHash).toBe(expected);
    expect(acceptedOperationsHash([], [])).toBe(await operationsHash([]));
  });
});
