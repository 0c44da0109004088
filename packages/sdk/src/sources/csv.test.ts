import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
import { CsvParser } from './csv-parser';
import {
  DEFAULT_MAX_FIELD_CHARS,
  DEFAULT_MAX_RECORD_CHARS,
  isReject,
  type SourceItem,
  type SourceReject,
} from './types';

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

/** How much text the parser holds: what a field too large to keep must not make grow. */
function buffered(parser: CsvParser): number {
  const state = parser as unknown as { buffer: string; pos: number };
  return state.buffer.length - state.pos;
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

  it('skips the lines above headerRow (titles, notes), numbering rows from the header and keeping line numbers', () => {
    const text = '人口登记表（2026 年 12 月）\n"导出人: 张三, 说明: ""全部"""\n\nA,B\n1,2\n3\n';
    const out = parseEverySplit(text, { headerRow: 4 });
    expect(out).toEqual([
      { row: 1, values: { A: '1', B: '2' } },
      { row: 2, line: 6, error: expect.objectContaining({ rule: 'csv/field-count' }) },
    ]);
    // The default: the first line is the header.
    expect(parse(['A,B\n1,2\n'], { headerRow: 1 })).toEqual([{ row: 1, values: { A: '1', B: '2' } }]);
  });

  it('rejects text after a closing quote', () => {
    const out = parseEverySplit('A,B\n"x"y,2\n3,4\n');
    expect(out[0]).toMatchObject({ row: 1, line: 2, error: { rule: 'csv/quote' } });
    expect(out[1]).toEqual({ row: 2, values: { A: '3', B: '4' } });
  });

  it('does not wait for ever on a quote that never closes: the rest of the input is one reject, never buffered', () => {
    const parser = new CsvParser({ maxRecordChars: 100 });
    const out: SourceItem[] = [];
    parser.push('A,B\n1,"never closed\n', out);
    for (let i = 0; i < 20; i++) parser.push(`${i},fine\n`, out);
    expect(buffered(parser)).toBe(0);
    parser.end(out);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      row: 1,
      line: 2,
      error: {
        rule: 'csv/unclosed-quote',
        message: 'line 2: a quoted field is never closed; skipped up to the end of the input',
      },
    });
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

describe('CsvParser limits', () => {
  const chunk = 'x'.repeat(64 * 1024);

  it('rejects a field over the limit as one row naming the column and line, buffering none of it, and reads on', () => {
    const parser = new CsvParser();
    const out: SourceItem[] = [];
    parser.push('ID,NOTE,OTHER\n1,short,a\n2,', out);
    // 50 MB of one unquoted field, in 64 KB chunks: the parser never holds more than a record's worth.
    let most = 0;
    for (let i = 0; i < 800; i++) {
      parser.push(chunk, out);
      most = Math.max(most, buffered(parser));
    }
    parser.push(',b\n3,fine,c\n', out);
    parser.end(out);
    expect(most).toBeLessThanOrEqual(DEFAULT_MAX_RECORD_CHARS + chunk.length);
    expect(
      out.map((item) =>
        isReject(item) ? [item.row, item.line, item.error.rule, item.error.field] : item.row,
      ),
    ).toEqual([1, [2, 3, 'csv/field-too-large', 'NOTE'], 3]);
    const reject = out[1] as SourceReject;
    expect(reject.error.message).toBe(
      `line 3: column 2 (NOTE) is longer than ${DEFAULT_MAX_FIELD_CHARS} characters (the limit); skipped up to line 3`,
    );
    expect(reject.error.zh).toBe(
      `第 3 行：第 2 列（NOTE）超过 ${DEFAULT_MAX_FIELD_CHARS} 个字符的上限，已跳过至第 3 行`,
    );
    expect(reject.error.value).toHaveLength(201);
    expect(out[2]).toEqual({ row: 3, values: { ID: '3', NOTE: 'fine', OTHER: 'c' } });
  });

  it('skips a quoted field over the limit to its closing quote: its lines never become rows', () => {
    const parser = new CsvParser({ maxFieldChars: 1000 });
    const out: SourceItem[] = [];
    const lines = Array.from({ length: 300 }, (_, i) => `${i},""looks"",like a row`).join('\n');
    const text = `ID,NOTE\n1,a\n2,"${lines}"\n3,b\n`;
    for (let i = 0; i < text.length; i += 97) parser.push(text.slice(i, i + 97), out);
    parser.end(out);
    expect(out.map((item) => (isReject(item) ? [item.row, item.line, item.error.rule] : item.row))).toEqual([
      1,
      [2, 3, 'csv/field-too-large'],
      3,
    ]);
    expect(out[2]).toEqual({ row: 3, values: { ID: '3', NOTE: 'b' } });
    expect((out[1] as SourceReject).error.message).toBe(
      'line 3: column 2 (NOTE) is longer than 1000 characters (the limit); skipped up to line 302',
    );
  });

  it('rejects a record of many small fields over the record limit, and a long field that came in one piece', () => {
    const many = Array.from({ length: 200 }, (_, i) => `f${i}`).join(',');
    const out = parse([`A,B\n${many}\n1,2\n`], { maxRecordChars: 500 });
    expect(out.map((item) => (isReject(item) ? [item.row, item.error.rule] : item.row))).toEqual([
      [1, 'csv/record-too-large'],
      2,
    ]);
    const whole = parse([`A,B\n"${'y'.repeat(50)}",1\n${'z'.repeat(50)},2\n3,4\n`], { maxFieldChars: 40 });
    expect(
      whole.map((item) => (isReject(item) ? [item.row, item.line, item.error.field] : item.row)),
    ).toEqual([[1, 2, 'A'], [2, 3, 'A'], 3]);
  });

  it('gives the same rows and rejects however the text is cut', () => {
    const text = `A,B\n1,"${'q'.repeat(30)}\nstill"\n2,${'u'.repeat(30)}\n3,ok\n`;
    expect(
      parseEverySplit(text, { maxFieldChars: 20 }).map((item) => (isReject(item) ? item.line : item.row)),
    ).toEqual([2, 4, 3]);
  });
});

describe('CsvParser rows', () => {
  it('reads columns named __proto__ and constructor as columns, and rows inherit nothing', () => {
    for (const header of [
      '__proto__,constructor,toString',
      '__proto__,constructor,toString,' + 'c,'.repeat(600) + 'end',
    ]) {
      const width = header.split(',').length;
      const [row] = parse([`${header}\na,b,c${',x'.repeat(width - 3)}\n`]);
      const values = (row as { values: Record<string, string> }).values;
      expect(Object.entries(values).slice(0, 3)).toEqual([
        ['__proto__', 'a'],
        ['constructor', 'b'],
        ['toString', 'c'],
      ]);
      expect('hasOwnProperty' in values).toBe(false);
      expect(values.valueOf).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});
