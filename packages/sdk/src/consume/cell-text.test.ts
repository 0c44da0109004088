import { describe, expect, it } from 'vitest';
import { cellText, csvField, csvLine, csvRecordLine, guardFormula } from './cell-text';

describe('CSV quoting (RFC 4180)', () => {
  it('leaves plain text bare and quotes text with a comma, a quote or a line break', () => {
    expect(csvField('张三')).toBe('张三');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it('writes a record in the column order, absent and null as empty, numbers and booleans as text', () => {
    const line = csvRecordLine({ b: 2, a: 'x', c: null, d: true }, ['a', 'b', 'c', 'd', 'e']);
    expect(line).toBe('x,2,,true,\r\n');
  });
});

describe('formula injection', () => {
  it.each(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (text) => {
    expect(guardFormula(text)).toBe(`'${text}`);
  });

  it('leaves other text alone, formula characters after the start included', () => {
    expect(guardFormula('1990-01-01')).toBe('1990-01-01');
    expect(guardFormula('a=b')).toBe('a=b');
  });

  it('guards text values only: a negative number stays a number', () => {
    expect(cellText('-5')).toBe("'-5");
    expect(cellText(-5)).toBe('-5');
  });

  it('quotes a guarded value that also needs quoting', () => {
    expect(csvRecordLine({ a: '=HYPERLINK("x")' }, ['a'])).toBe(`"'=HYPERLINK(""x"")"\r\n`);
  });
});
