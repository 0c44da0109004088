import { fieldTooLarge, type LimitIssue, recordTooLarge, unclosedToTheEnd } from './csv-limits';
import { RecordScanner } from './csv-record-scanner';
import { excerpt, rejectAt } from './reject';
import { type RowBuilder, rowBuilder, uniqueColumns } from './rows';
import { type CsvOptions, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_RECORD_CHARS, type ItemSink } from './types';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const NEED_MORE = -1;

/**
 * An RFC 4180 CSV tokenizer over decoded text chunks. Lines without a quote take a fast path (native
 * `indexOf` + `split`); records with quotes go through a state machine that handles doubled quotes,
 * delimiters and line breaks inside quoted fields. Malformed records become rejects with their line.
 *
 * Records are bounded: a field longer than `maxFieldChars` or a record longer than `maxRecordChars` is one
 * reject (`csv/field-too-large`, `csv/record-too-large`). A record still incomplete past the field limit is
 * followed by a `RecordScanner` rather than buffered; once it breaks a limit its text is dropped as it
 * arrives, and parsing resumes at the next record — a 50 MB field costs a scan, not 50 MB of buffer, and
 * never turns into rows made of its lines.
 */
export class CsvParser {
  private buffer = '';
  private pos = 0;
  private nextQuote = -2;
  /** 1-based physical line at `pos`. */
  private line = 1;
  private row = 0;
  private header: string[] | undefined;
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly maxFieldChars: number;
  private readonly maxRecordChars: number;
  /** The 1-based line the header starts on; records that start above it are skipped. */
  private readonly headerRow: number;
  /** Records up to this length break no limit: only longer ones are measured. */
  private readonly withinLimits: number;
  private fields: string[] = [];
  /** Follows the incomplete record at the end of the buffer once it is longer than a field may be. */
  private scanner: { scanner: RecordScanner; line: number; fed: number } | undefined;
  /** A record over a limit, being skipped chunk by chunk: its first line and the start of its text. */
  private skipping: { scanner: RecordScanner; line: number; excerpt: string } | undefined;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    if (
      this.delimiter.length !== 1 ||
      this.delimiter === '"' ||
      this.delimiter === '\n' ||
      this.delimiter === '\r'
    ) {
      throw new Error(
        `CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(this.delimiter)}`,
      );
    }
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.maxFieldChars = options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    this.headerRow = options.headerRow ?? 1;
    this.withinLimits = Math.min(this.maxFieldChars, this.maxRecordChars);
  }

  /** The header (the first record), once read. */
  get columns(): readonly string[] | undefined {
    return this.header;
  }

  /** Feeds one chunk of text; pushes complete records (and rejects) into `out` (an array, or a sink). */
  push(text: string, out: ItemSink): void {
    let rest = text;
    if (this.skipping) {
      const end = this.skipping.scanner.feed(text, 0);
      if (end === -1) return;
      this.endSkipping(out, false);
      rest = text.slice(end);
    }
    this.buffer = this.pos < this.buffer.length ? this.buffer.slice(this.pos) + rest : rest;
    this.pos = 0;
    this.nextQuote = -2;
    this.drain(out, false);
  }

  /** Ends the input: the last record needs no line break; an unclosed quote becomes a reject. */
  end(out: ItemSink): void {
    if (this.skipping) this.endSkipping(out, true);
    else this.drain(out, true);
    this.buffer = '';
    this.pos = 0;
  }

  private drain(out: ItemSink, final: boolean): void {
    const buf = this.buffer;
    const len = buf.length;
    const delimiter = this.delimiter;
    while (this.pos < len) {
      const start = this.pos;
      const nl = buf.indexOf('\n', start);
      if (this.nextQuote !== -1 && this.nextQuote < start) this.nextQuote = buf.indexOf('"', start);
      const q = this.nextQuote;
      if (q === -1 || (nl !== -1 && q > nl)) {
        // Fast path: no quote on this line.
        if (nl === -1 && !final) {
          this.waitOrSkip(buf, start);
          return;
        }
        const end = nl === -1 ? len : nl;
        const lineEnd = end > start && buf.charCodeAt(end - 1) === CR ? end - 1 : end;
        this.pos = end + 1;
        const lineNo = this.line++;
        if (lineEnd === start) continue; // blank line
        const fields = buf.slice(start, lineEnd).split(delimiter);
        if (
          lineEnd - start > this.withinLimits &&
          this.rejectOversized(fields, buf, start, lineEnd, lineNo, out)
        )
          continue;
        this.emit(fields, lineNo, out);
        continue;
      }
      const consumed = this.parseQuoted(buf, start, final, out);
      if (consumed === NEED_MORE) {
        if (final) this.giveUpUnclosed(buf, start, out);
        else {
          this.waitOrSkip(buf, start);
          return;
        }
      }
    }
  }

  /**
   * The record at `start` goes on in the next chunk. Short, it waits in the buffer; past the field limit a
   * scanner follows it (each character once), and once it breaks a limit it is skipped instead.
   */
  private waitOrSkip(buf: string, start: number): void {
    const pending = buf.length - start;
    if (pending <= this.withinLimits) return;
    if (this.scanner?.line !== this.line) {
      this.scanner = {
        scanner: new RecordScanner(this.delimiterCode, this.maxFieldChars),
        line: this.line,
        fed: 0,
      };
    }
    const { scanner } = this.scanner;
    scanner.feed(buf, start + this.scanner.fed);
    this.scanner.fed = pending;
    if (!scanner.isOver(this.maxRecordChars)) return;
    this.skipping = { scanner, line: this.line, excerpt: this.startOf(buf, start) };
    this.scanner = undefined;
    this.buffer = '';
    this.pos = 0;
  }

  /** The skipped record has ended (or the input has): one reject for it, and the lines it spanned. */
  private endSkipping(out: ItemSink, atEnd: boolean): void {
    const { scanner, line, excerpt: text } = this.skipping!;
    this.skipping = undefined;
    this.line = line + scanner.lines;
    const issue =
      atEnd && scanner.unclosed
        ? unclosedToTheEnd()
        : this.overLimit(atEnd ? this.line : this.line - 1, scanner.overField?.column);
    this.reject(line, issue.rule, text, issue.en, issue.zh, out, issue.field);
  }

  /** A record that came whole but breaks a limit: one reject instead of a row. */
  private rejectOversized(
    fields: string[],
    buf: string,
    start: number,
    end: number,
    line: number,
    out: ItemSink,
  ): boolean {
    const column = fields.findIndex((field) => field.length > this.maxFieldChars);
    if (column === -1 && end - start <= this.maxRecordChars) return false;
    const upTo = line + countLines(buf, start, end) - (buf.charCodeAt(end - 1) === LF ? 1 : 0);
    const issue = this.overLimit(upTo, column === -1 ? undefined : column + 1);
    this.reject(line, issue.rule, this.startOf(buf, start), issue.en, issue.zh, out, issue.field);
    return true;
  }

  /**
   * The start of a record over a limit, for its reject: as much as is always there when one is found, so
   * the reject reads the same however the input was cut into chunks.
   */
  private startOf(buf: string, start: number): string {
    return buf.slice(start, start + Math.min(this.withinLimits + 1, 201));
  }

  /** Why a record over a limit is rejected: its field (by 1-based column) or, without one, its length. */
  private overLimit(upTo: number, column: number | undefined): LimitIssue {
    return column === undefined
      ? recordTooLarge(this.maxRecordChars, upTo)
      : fieldTooLarge(this.maxFieldChars, upTo, column, this.header?.[column - 1]);
  }

  /** Parses one record that contains a quote; returns NEED_MORE when the chunk ends inside it. */
  private parseQuoted(buf: string, start: number, final: boolean, out: ItemSink): number {
    const len = buf.length;
    const dc = this.delimiterCode;
    const fields = this.fields;
    fields.length = 0;
    let i = start;
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const k = buf.indexOf('"', j);
          if (k === -1) return NEED_MORE;
          if (k + 1 >= len && !final) return NEED_MORE;
          if (buf.charCodeAt(k + 1) === QUOTE) {
            value += buf.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          value += buf.slice(j, k);
          i = k + 1;
          break;
        }
        fields.push(value);
        const c = buf.charCodeAt(i);
        if (c === dc) {
          i++;
          continue;
        }
        if (i >= len || c === LF || (c === CR && (buf.charCodeAt(i + 1) === LF || i + 1 >= len))) {
          if (c === CR && i + 1 >= len && !final) return NEED_MORE;
          const end = i >= len ? len : c === CR ? i + 2 : i + 1;
          return this.finishRecord(buf, start, end, out);
        }
        // Text after a closing quote: the record is malformed. Skip to the end of this physical line.
        const nl = buf.indexOf('\n', i);
        if (nl === -1 && !final) return NEED_MORE;
        const end = nl === -1 ? len : nl + 1;
        const lineNo = this.line;
        this.line += countLines(buf, start, end);
        this.pos = end;
        this.reject(
          lineNo,
          'csv/quote',
          buf.slice(start, end).replace(/\r?\n$/, ''),
          'text after a closing quote',
          '引号结束后还有其他字符',
          out,
        );
        return end;
      }
      // Unquoted field inside a record that has quotes elsewhere.
      let k = i;
      while (k < len) {
        const c = buf.charCodeAt(k);
        if (c === dc || c === LF) break;
        k++;
      }
      if (k >= len && !final) return NEED_MORE;
      const atLineEnd = k >= len || buf.charCodeAt(k) === LF;
      const end = atLineEnd && k > i && buf.charCodeAt(k - 1) === CR ? k - 1 : k;
      fields.push(buf.slice(i, end));
      if (k < len && buf.charCodeAt(k) === dc) {
        i = k + 1;
        continue;
      }
      return this.finishRecord(buf, start, k >= len ? len : k + 1, out);
    }
  }

  private finishRecord(buf: string, start: number, end: number, out: ItemSink): number {
    const lineNo = this.line;
    this.line += countLines(buf, start, end);
    this.pos = end;
    const fields = this.fields.slice();
    if (end - start > this.withinLimits && this.rejectOversized(fields, buf, start, end, lineNo, out))
      return end;
    this.emit(fields, lineNo, out);
    return end;
  }

  private giveUpUnclosed(buf: string, start: number, out: ItemSink): void {
    // Resume after the line the unclosed quote starts on: the rest of the file is still read.
    const nl = buf.indexOf('\n', start);
    const end = nl === -1 ? buf.length : nl + 1;
    const lineNo = this.line++;
    this.pos = end;
    this.nextQuote = -2;
    this.reject(
      lineNo,
      'csv/unclosed-quote',
      buf.slice(start, end).replace(/\r?\n$/, ''),
      'a quoted field is never closed',
      '带引号的字段没有结束引号',
      out,
    );
  }

  private emit(fields: string[], line: number, out: ItemSink): void {
    const header = this.header;
    if (!header) {
      // Title and note lines above the header (`headerRow`) are no records.
      if (line < this.headerRow) return;
      this.header = uniqueColumns(fields);
      this.build = rowBuilder(this.header);
      return;
    }
    const row = ++this.row;
    const n = header.length;
    if (fields.length !== n) {
      let extraEmpty = fields.length > n;
      for (let c = n; extraEmpty && c < fields.length; c++) if (fields[c] !== '') extraEmpty = false;
      if (!extraEmpty) {
        out.push(
          rejectAt(
            row,
            line,
            'csv/field-count',
            excerpt(fields.join(this.delimiter)),
            `${fields.length} fields, the header has ${n}`,
            `有 ${fields.length} 个字段，表头有 ${n} 个`,
          ),
        );
        return;
      }
    }
    out.push({ row, values: this.build(fields) });
  }

  private build: RowBuilder = rowBuilder([]);

  private reject(
    line: number,
    rule: string,
    text: string,
    en: string,
    zh: string,
    out: ItemSink,
    field = '',
  ): void {
    if (!this.header) {
      if (line < this.headerRow) return;
      this.header = [];
    }
    out.push(rejectAt(++this.row, line, rule, excerpt(text), en, zh, field));
  }
}

/** The line breaks in `buf[start, end)`. */
function countLines(buf: string, start: number, end: number): number {
  let n = 0;
  let i = buf.indexOf('\n', start);
  while (i !== -1 && i < end) {
    n++;
    i = buf.indexOf('\n', i + 1);
  }
  return n;
}
