import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalEncoders, canonicalJson, operationsHash } from '../client/receipts';
import { BatchBodyWriter, BodyBuffers, canonicalBytes } from './batch-body';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('canonical record bytes', () => {
  it('are the UTF-8 of canonicalJson, whatever the shape, key order or member types', () => {
    const encoders = new CanonicalEncoders();
    const records: Array<Record<string, unknown>> = [
      { xm: '张三', gmsfhm: '11010519491231002X', n: 3.5, ok: true, gone: undefined },
      { xm: '李四\u0007"\\/\n', gmsfhm: '440524188001010014', n: -0, ok: false },
      { '10': 'ten', '9': 'nine', a: '😀 \ud800 lone', b: 1e21 },
      { nested: { b: 1, a: [2, { d: 1, c: 0 }] }, a: 'x', none: null },
      { xm: '王五', gmsfhm: '11010519491231002X', n: 1, ok: true },
    ];
    for (const record of records) expect(text(canonicalBytes(record, encoders))).toBe(canonicalJson(record));
  });

  it('agree with canonicalJson on generated flat records of a few shapes', () => {
    const encoders = new CanonicalEncoders();
    const scalar = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const keys = fc.constantFrom('gmsfhm', 'xm', 'xb', 'csrq', 'Zz', '姓名', '2', '10');
    fc.assert(
      fc.property(fc.array(fc.dictionary(keys, scalar), { maxLength: 20 }), (records) => {
        for (const record of records)
          expect(text(canonicalBytes(record, encoders))).toBe(canonicalJson(record));
      }),
    );
  });

  it('refuse what JSON cannot carry, as canonicalJson does', () => {
    expect(() => canonicalBytes({ n: Number.NaN }, new CanonicalEncoders())).toThrow(TypeError);
  });
});

describe('BatchBodyWriter', () => {
  const upserts = [
    { xm: '张三', gmsfhm: '11010519491231002X', n: 3.5, ok: true },
    { zz: 'é\u2028"q"', a: '1', b: undefined },
    { nested: { b: 1, a: [2, { d: 1, c: 0 }] }, a: 'x' },
  ];
  const deletes = [{ gmsfhm: '440524188001010014' }, { k2: 2, k1: 'v' }];

  it('writes a body that reads back as the batch, growing as records need', () => {
    const writer = new BatchBodyWriter(new CanonicalEncoders(), Buffer.alloc(4096));
    const large = [...upserts, { bz: '长'.repeat(5000) }, { bz: 'x'.repeat(20_000) }];
    for (const record of large) writer.append(record);
    const { bytes } = writer.finish(deletes);
    expect(bytes.length).toBeGreaterThan(4096);
    expect(JSON.parse(text(bytes))).toEqual(JSON.parse(JSON.stringify({ upsert: large, delete: deletes })));
  });

  it('reuses the buffers of bodies already sent', () => {
    const buffers = new BodyBuffers();
    const first = buffers.writer();
    first.append({ a: '1' });
    const sent = first.finish([]).bytes;
    first.release();
    const second = buffers.writer();
    second.append({ b: '2' });
    expect(second.finish([]).bytes.buffer).toBe(sent.buffer);
    // A body larger than the usual size raises the size of new buffers.
    const big = buffers.writer();
    big.append({ bz: 'x'.repeat(600_000) });
    big.finish([]);
    big.release();
    const reused = buffers.writer();
    reused.append({ a: '1' });
    expect(reused.finish([]).bytes.buffer.byteLength).toBeGreaterThan(600_000);
  });

  it('writes upserts alone, deletes alone, and nothing of a record taken back', () => {
    const encoders = new CanonicalEncoders();
    const upsertsOnly = new BatchBodyWriter(encoders);
    upsertsOnly.append({ b: '2', a: '1' });
    upsertsOnly.append({ a: 'unchanged' });
    upsertsOnly.dropLast();
    expect(text(upsertsOnly.finish([]).bytes)).toBe('{"upsert":[{"a":"1","b":"2"}]}');
    expect(text(new BatchBodyWriter(encoders).finish(deletes).bytes)).toBe(
      '{"delete":[{"gmsfhm":"440524188001010014"},{"k1":"v","k2":2}]}',
    );
  });

  it('carries the receipt hash of the canonical operations when all are accepted', async () => {
    const writer = new BatchBodyWriter(new CanonicalEncoders());
    for (const record of upserts) writer.append(record);
    const expected = await operationsHash([
      ...upserts.map((record) => ({ op: 'upsert', record })),
      ...deletes.map((key) => ({ op: 'delete', key })),
    ]);
    expect(writer.finish(deletes).allAcceptedHash).toBe(expected);
    expect(new BatchBodyWriter(new CanonicalEncoders()).finish([]).allAcceptedHash).toBe(
      await operationsHash([]),
    );
  });
});
