import { describe, expect, it } from 'vitest';
import { decode, parseCsv, readSample } from './sample-reader';

// "姓名,性别\n张三,男\n" in GBK
const gbk = Uint8Array.from([
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd0, 0xd4, 0xb1, 0xf0, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0, 0x0a,
]);

describe('sample reader', () => {
  it('detects GBK when the bytes are not UTF-8, and honours a declared encoding', () => {
    expect(decode(gbk)).toEqual({ text: '姓名,性别\n张三,男\n', encoding: 'gb18030' });
    expect(decode(new TextEncoder().encode('\uFEFF姓名')).text).toBe('姓名');
    expect(readSample(gbk, { format: 'csv', encoding: 'gbk' }).rows).toEqual([
      { row: 1, values: { 姓名: '张三', 性别: '男' } },
    ]);
  });

  it('parses quoted CSV fields with delimiters, quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, ""y""","line\nbreak"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
    ]);
  });

  it('reports rows it cannot read instead of dropping them', () => {
    const csv = readSample(new TextEncoder().encode('a,b\n1,2,3\n'), { format: 'csv' });
    expect(csv.problems).toEqual([{ row: 1, message: 'expected 2 columns, found 3' }]);
    const ndjson = readSample(new TextEncoder().encode('{"a":1}\nnot json\n[1]\n'), { format: 'ndjson' });
    expect(ndjson.rows).toEqual([{ row: 1, values: { a: '1' } }]);
    expect(ndjson.problems.map((p) => p.row)).toEqual([2, 3]);
  });

  it('stops at maxRows and says so', () => {
    const text = `a\n${Array.from({ length: 10 }, (_, i) => i).join('\n')}\n`;
    const sample = readSample(new TextEncoder().encode(text), { format: 'csv', maxRows: 3 });
    expect(sample.rows).toHaveLength(3);
    expect(sample.truncated).toBe(true);
  });
});
