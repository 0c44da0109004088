import { describe, expect, it } from 'vitest';
import { type FlatRecord, recordLineEncoder } from './record-line-encoder';

const keys = ['id', 'name', 'count', 'flag', 'note'];

describe.each([
  ['generated', true],
  ['loop', false],
])('recordLineEncoder (%s)', (_, generate) => {
  const encode = recordLineEncoder(keys, generate);

  function line(record: FlatRecord, size = 4096): string {
    const target = new Uint8Array(size);
    const end = encode(record, target, 3);
    expect(end).toBeGreaterThan(0);
    return new TextDecoder().decode(target.subarray(3, end));
  }

  const controls = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('');
  const tricky = [
    '',
    'plain ascii',
    '张三 龙山县建设路75号',
    'quote " and backslash \\ and slash /',
    controls,
    '\u007f DEL and \u0080 and \u07ff and \u0800 and \uffff',
    '\u2028 line separators \u2029',
    '𠮷 a surrogate pair, 😀 another',
    'lone high \ud800 surrogate',
    'lone low \udc00 surrogate',
    'high at the end \udbff',
    'two highs \ud83d\ud83d then a pair \ud83d\ude00',
    '全角＂引号＼反斜杠',
  ];

  it('writes the UTF-8 of JSON.stringify and a line break, for every kind of character', () => {
    for (const text of tricky) {
      const record = { id: 'k', name: text, count: 3, flag: true, note: text };
      expect(line(record)).toBe(`${JSON.stringify(record)}\n`);
    }
  });

  it('leaves undefined members out, keeps the key order, writes numbers and booleans as JSON does', () => {
    const records: FlatRecord[] = [
      { id: undefined, name: 'x', count: -0, flag: false, note: undefined },
      { id: 'a', name: undefined, count: 1.5e300, flag: undefined, note: 'n' },
      { id: 'a', count: Number.NaN },
      { count: Number.POSITIVE_INFINITY },
      { count: -12.25, flag: true },
      { id: 'a', count: 0 },
      { count: -1 },
      { count: 10 },
      { count: 9_007_199_254_740_991 },
      { count: -9_007_199_254_740_991 },
      { count: 9_007_199_254_740_992 },
      { count: 1e21 },
      { count: 123_456_789_012 },
      {},
    ];
    for (const record of records) expect(line(record)).toBe(`${JSON.stringify(record)}\n`);
  });

  it('says -1 when the target has no room, and fits exactly when it has', () => {
    const record = { id: '张三', name: 'x'.repeat(50), count: 7 };
    const bytes = Buffer.byteLength(`${JSON.stringify(record)}\n`);
    expect(encode(record, new Uint8Array(bytes - 1), 0)).toBe(-1);
    expect(encode(record, new Uint8Array(20), 0)).toBe(-1);
    // The string check reserves its worst case (6 bytes per code unit), so give that much room.
    const roomy = new Uint8Array(bytes + 6 * 52);
    expect(encode(record, roomy, 0)).toBe(bytes);
  });
});
