const QUOTE = 34;
const LF = 10;

/**
 * Finds where a CSV record ends without keeping its text, for records too large to buffer. It follows the
 * parser's reading of RFC 4180 (a quote opens a quoted field only at the start of a field; `""` inside one
 * is a quote; a record ends at a line break outside quotes), so both agree on where the next record starts.
 * Fed chunk after chunk, it remembers where it is (inside quotes, a quote at a chunk's end not yet known to
 * be doubled) and measures the fields and the record as it goes.
 */
export class RecordScanner {
  private inQuotes = false;
  /** A quote inside quotes was the last character of the chunk: doubled or closing, the next chunk says. */
  private quoteAtEnd = false;
  private atFieldStart = true;
  /** 1-based index of the field being read. */
  private column = 1;
  private fieldChars = 0;
  /** Characters read of the record so far. */
  recordChars = 0;
  /** Line breaks read inside the record so far (the final one included once the record ends). */
  lines = 0;
  /** The first field longer than the limit, by its 1-based index. */
  overField: { column: number } | undefined;

  constructor(
    private readonly delimiterCode: number,
    private readonly maxFieldChars: number,
  ) {}

  /** Whether the record read so far breaks a limit. */
  isOver(maxRecordChars: number): boolean {
    return this.overField !== undefined || this.recordChars > maxRecordChars;
  }

  /** Whether the record ended inside an open quote (only meaningful at the end of the input). */
  get unclosed(): boolean {
    return this.inQuotes || this.quoteAtEnd;
  }

  /** Reads `text` from `from`; returns the offset just after the record's line break, or -1 if it goes on. */
  feed(text: string, from: number): number {
    const len = text.length;
    let i = from;
    if (this.quoteAtEnd && i < len) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(i) === QUOTE) this.grow(text, i, ++i);
      else this.inQuotes = false;
    }
    while (i < len) {
      if (this.inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          this.grow(text, i, len);
          return -1;
        }
        this.grow(text, i, quote + 1);
        if (quote + 1 === len) {
          this.quoteAtEnd = true;
          return -1;
        }
        if (text.charCodeAt(quote + 1) === QUOTE) {
          this.grow(text, quote + 1, quote + 2);
          i = quote + 2;
        } else {
          this.inQuotes = false;
          i = quote + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === LF) {
        this.lines++;
        return i + 1;
      }
      if (c === this.delimiterCode) {
        this.column++;
        this.fieldChars = 0;
        this.atFieldStart = true;
        this.recordChars++;
        i++;
        continue;
      }
      if (c === QUOTE && this.atFieldStart) {
        this.inQuotes = true;
        this.atFieldStart = false;
        this.grow(text, i, ++i);
        continue;
      }
      // A run of plain characters, up to the next delimiter or line break, counted at once.
      let end = i + 1;
      while (end < len) {
        const next = text.charCodeAt(end);
        if (next === LF || next === this.delimiterCode) break;
        end++;
      }
      this.atFieldStart = false;
      this.grow(text, i, end);
      i = end;
    }
    return -1;
  }

  /** Counts `text[start, end)` into the current field and the record. */
  private grow(text: string, start: number, end: number): void {
    const n = end - start;
    this.fieldChars += n;
    this.recordChars += n;
    if (this.fieldChars > this.maxFieldChars && !this.overField) this.overField = { column: this.column };
    if (this.inQuotes) {
      for (let nl = text.indexOf('\n', start); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
        this.lines++;
      }
    }
  }
}
