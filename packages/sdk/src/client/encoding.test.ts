import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64, toBase64Url, toHex } from './encoding';

const bytes = Uint8Array.from([0, 1, 62, 63, 250, 251, 254, 255, 128]);

describe('byte encodings', () => {
  it('writes hex, base64 and unpadded base64url as Node does', () => {
    expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(toBase64Url(bytes.subarray(0, 4))).toBe('AAE-Pw');
  });

  it('reads base64url back, padded length or not', () => {
    for (let length = 0; length <= bytes.length; length++) {
      const part = bytes.subarray(0, length);
      expect(Array.from(fromBase64Url(toBase64Url(part)) ?? [])).toEqual(Array.from(part));
    }
  });

  it('refuses text that is not base64url', () => {
    expect(fromBase64Url('AAE+Pw')).toBeUndefined();
    expect(fromBase64Url('AAE=')).toBeUndefined();
    expect(fromBase64Url('AAAAA')).toBeUndefined();
  });
});
