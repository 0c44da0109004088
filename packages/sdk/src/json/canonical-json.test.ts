import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ '😀': 3, '€': 2, '\r': 1, '1': 0 })).toBe('{"\\r":1,"1":0,"€":2,"😀":3}');
    // By code units "😀" (0xD83D 0xDE00) sorts before "ﬁ" (0xFB01), although its code point is larger.
    expect(canonicalJson({ ﬁ: 1, '😀': 2 })).toBe('{"😀":2,"ﬁ":1}');
  });

  it('serialises numbers as ECMAScript does (the RFC 8785 rule)', () => {
    expect(canonicalJson([1.0, -0, 1e21, 1e-7, 0.1 + 0.2, 333333333.3333333])).toBe(
      '[1,0,1e+21,1e-7,0.30000000000000004,333333333.3333333]',
    );
  });

  it('escapes strings minimally', () => {
    expect(canonicalJson('é\u0007"\\/\n')).toBe('"é\\u0007\\"\\\\/\\n"');
  });

  it('gives the same bytes for the same data however it was built', () => {
    const a = { xm: '张三', gmsfhm: '11010519491231002X', xb: '1' };
    const b = { xb: '1', xm: '张三', gmsfhm: '11010519491231002X' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('gives flat records the same bytes whether their keys arrive sorted or not', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), scalar), (record) => {
        const keys = Object.keys(record).sort();
        const expected = `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(record[key])}`).join(',')}}`;
        const sorted = Object.fromEntries(keys.map((key) => [key, record[key]]));
        const reversed = Object.fromEntries(keys.reverse().map((key) => [key, record[key]]));
        expect(canonicalJson(sorted)).toBe(expected);
        expect(canonicalJson(reversed)).toBe(expected);
      }),
    );
    // Integer-like keys enumerate first whatever their order of insertion; the bytes still sort by code units.
    expect(canonicalJson({ a: 1, '10': 2, '9': 3 })).toBe('{"10":2,"9":3,"a":1}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});
