import { describe, expect, it } from 'vitest';
import { hasWhitespace, isWhitespace } from './whitespace';

describe('isWhitespace', () => {
  it('is /\\s/ for every UTF-16 code unit', () => {
    for (let code = 0; code <= 0xffff; code++) {
      expect(isWhitespace(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
    }
  });

  it('finds white space anywhere in a text', () => {
    expect(hasWhitespace('户籍人口')).toBe(false);
    expect(hasWhitespace('户籍\u3000人口')).toBe(true);
    expect(hasWhitespace('a ')).toBe(true);
    expect(hasWhitespace('')).toBe(false);
  });
});
