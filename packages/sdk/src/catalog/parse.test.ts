import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from './parse';
import { VALID_ENTRY } from './rules/testing';

describe('parseCatalogFile', () => {
  const file = parseCatalogFile('entry.yaml', VALID_ENTRY);

  it('gives the plain entry and keeps positions of keys and values', () => {
    expect(file.diagnostics).toEqual([]);
    expect(file.get(['share', 'method', 'type'])).toBe('api');
    expect(file.rangeOf(['share', 'type'])).toEqual({
      start: { line: 19, column: 9, offset: VALID_ENTRY.indexOf('conditional') },
      end: { line: 19, column: 20, offset: VALID_ENTRY.indexOf('conditional') + 'conditional'.length },
    });
    expect(file.rangeOf(['share', 'type'], 'key').start).toMatchObject({ line: 19, column: 3 });
  });

  it('points an absent path at its nearest present ancestor', () => {
    expect(file.rangeOf(['open', 'condition']).start).toMatchObject({ line: 22, column: 1 });
    expect(file.rangeOf(['nowhere']).start).toMatchObject({ line: 1, column: 1 });
  });

  it('keeps numbers as written when a string is asked for', () => {
    const digits = parseCatalogFile('x.yaml', 'provider: { code: 113301001234567890 }\n');
    expect(digits.string(['provider', 'code'])).toBe('113301001234567890');
  });

  it('finds the path at an offset, for hover and completion', () => {
    expect(file.pathAt(VALID_ENTRY.indexOf('conditional') + 2)).toEqual({
      path: ['share', 'type'],
      part: 'value',
    });
    expect(file.pathAt(VALID_ENTRY.indexOf('updateCycle'))).toEqual({ path: ['updateCycle'], part: 'key' });
    expect(file.pathAt(VALID_ENTRY.indexOf('gmsfhm'))).toEqual({ path: ['items', 0, 'key'], part: 'value' });
  });

  it('never throws on malformed input', () => {
    for (const text of [
      '',
      '\u0000\u0001',
      'a: [',
      '{{{{',
      '- - - -',
      'a: "\\x"',
      '\t- a',
      ':',
      'a: &x\nb: *y',
    ]) {
      const parsed = parseCatalogFile('bad.yaml', text);
      expect(Array.isArray(parsed.diagnostics)).toBe(true);
    }
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(() => parseCatalogFile('deep.yaml', deep)).not.toThrow();
  });
});
