import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvParser, readCsv } from './csv';
import { isReject, type SourceItem } from './types';

function parse(chunks: string[], options = {}): SourceItem[] {
  const parser = new CsvParser(options);
  const out: SourceItem[] = [];
  for (const c of chunks) parser.push(c, out);
  parser.end(out);
  return out;
}

/** Every way of cutting the text into two chunks must give the same rows. */
function parseEverySplit(text: string, options = {}): SourceItem[] {
  const whole = parse([text], options);
  for (let cut = 1; cut < text.length; cut++) {
    expect(parse([text.slice(0, cut), text.slice(cut)], options)).toEqual(whole);
  }
  return whole;
}

async function collect(iterable: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('CsvParser', () => {
  it('reads a header and rows, CRLF or LF, skipping blank lines', () => {
    expect(parseEverySplit('A,B\r\n1,2\r\n\r\n3,4')).toEqual([
      { row: 1, values: { A: '1', B: '2' } },
      { row: 2, values: { A: '3', B: '4' } },
    ]);
  });

  it('handles RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'ID,NAME,NOTE\n1,"Zhang, San","said ""hi""\nnext line"\n2,"",x\n"3",Li,"a\r\nb"\r\n';
    expect(parseEverySplit(text)).toEqual([
      { row: 1, values: { ID: '1', NAME: 'Zhang, San', NOTE: 'said "hi"\nnext line' } },
      { row: 2, values: { ID: '2', NAME: '', NOTE: 'x' } },
      { row: 3, values: { ID: '3', NAME: 'Li', NOTE: 'a\r\nb' } },
    ]);
  });

  it('rejects a line with the wrong number of fields, with its line number, and goes on', () => {
    const out = parseEverySplit('A,B\n1,2\n"multi\nline",2\n3\n4,5,\n6,7,8\n9,10\n');
    expect(out.filter(isReject).map((r) => [r.row, r.line, r.error.rule])).toEqual([
      [3, 5, 'csv/field-count'],
      [5, 7, 'csv/field-count'],
    ]);
    // Trailing empty fields (a common spreadsheet export artefact) are not an error.
    expect(out.filter((r) => !isReject(r)).map((r) => r.row)).toEqual([1, 2, 4, 6]);
  });

  it('rejects text after a closing quote', () => {
    const out = parseEverySplit('A,B\n"x"y,2\n3,4\n');
    expect(out[0]).toMatchObject({ row: 1, line: 2, error: { rule: 'csv/quote' } });
    expect(out[1]).toEqual({ row: 2, values: { A: '3', B: '4' } });
  });

  it('gives up on a quote that never closes instead of waiting for ever, and reads on', () => {
    const parser = new CsvParser({ maxRecordChars: 100 });
    const out: SourceItem[] = [];
    parser.push('A,B\n1,"never closed\n', out);
    for (let i = 0; i < 20; i++) parser.push(`${i},fine\n`, out);
    parser.end(out);
    expect(out[0]).toMatchObject({ row: 1, line: 2, error: { rule: 'csv/unclosed-quote' } });
    expect(out.filter((r) => !isReject(r)).length).toBeGreaterThan(10);
  });

  it('reports an unclosed quote at the end of the input', () => {
    expect(parse(['A,B\n1,"open']).map((r) => (isReject(r) ? r.error.rule : 'row'))).toEqual([
      'csv/unclosed-quote',
    ]);
  });

  it('makes header names unique and supports other delimiters', () => {
    expect(parse(['X;X;\n1;2;3\n'], { delimiter: ';' })).toEqual([
      { row: 1, values: { X: '1', X_2: '2', column_3: '3' } },
    ]);
  });
});

describe('readCsv', () => {
  const text = '姓名,性别\n张三,男\n"李,四",女\n';

  it('decodes GBK, GB 18030 and UTF-8 (with BOM), detecting the encoding', async () => {
    const expected = [
      { row: 1, values: { 姓名: '张三', 性别: '男' } },
      { row: 2, values: { 姓名: '李,四', 性别: '女' } },
    ];
    for (const [bytes, encoding] of [
      [iconv.encode(text, 'gbk'), 'gbk'],
      [iconv.encode(text, 'gbk'), 'auto'],
      [iconv.encode(text, 'gb18030'), 'gb18030'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'auto'],
      [Buffer.from(text), 'utf-8'],
    ] as const) {
      expect(await collect(readCsv(Readable.from([bytes]), { encoding }))).toEqual(expected);
    }
  });

  it('decodes multi-byte characters cut between chunks', async () => {
    const bytes = iconv.encode(text, 'gbk');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await collect(readCsv(Readable.from(chunks), { encoding: 'gbk' }))).toHaveLength(2);
  });
});
