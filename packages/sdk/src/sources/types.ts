import type { RowIssue } from '../findings/finding';
import type { Schema } from '../generated';

/** What a source is written in (a mapping's `source.format`). */
export type SourceFormat = Schema<'MappingSource'>['format'];
/** How a source's text is encoded (a mapping's `source.encoding`); `auto` detects it. */
export type SourceEncoding = Schema<'MappingSource'>['encoding'];

/** One data row of a source: 1-based data row number (the header is not a row) and its values by column. */
export interface SourceRow {
  row: number;
  values: Record<string, string>;
}

/** A line (or record) of the source that could not be read; it counts as a read and rejected row. */
export interface SourceReject {
  /** 1-based data row it would have been. */
  row: number;
  /** 1-based physical line (CSV, NDJSON) or sheet row (XLSX) where it starts. */
  line: number;
  /** Why: the column (`''` for the whole record), the rule (`csv/quote`…), both languages, the text read. */
  error: RowIssue;
}

export type SourceItem = SourceRow | SourceReject;

export function isReject(item: SourceItem): item is SourceReject {
  return (item as SourceReject).error !== undefined;
}

/** Where a parser puts what it reads: an array, or anything that takes the items one by one. */
export interface ItemSink {
  push(item: SourceItem): unknown;
}

/** What a reader reads from: a file path, a Node stream, or any async iterable of bytes. */
export type ByteSource = string | AsyncIterable<Uint8Array>;

/** Longest field (CSV) or cell (XLSX) read, in characters: 1 MiB. */
export const DEFAULT_MAX_FIELD_CHARS = 1 << 20;
/** Longest record (CSV), row (XLSX) or line (NDJSON) read, in characters: 4 MiB. */
export const DEFAULT_MAX_RECORD_CHARS = 4 << 20;

export interface CsvOptions {
  encoding?: SourceEncoding;
  delimiter?: string;
  /**
   * Longest field (CSV) or cell (XLSX), in characters; a longer one makes its record one reject
   * (`csv/field-too-large`, `xlsx/field-too-large`), skipped without being buffered. Default 1 MiB.
   */
  maxFieldChars?: number;
  /**
   * Longest record (CSV), row (XLSX) or line (NDJSON), in characters; a longer one is one reject, skipped
   * without being buffered. A quoted field that never closes runs to the end of the input. Default 4 MiB.
   */
  maxRecordChars?: number;
  /**
   * The 1-based line (CSV) or sheet row (XLSX) of the header, default 1: what is above it (a merged title row,
   * notes) is skipped. Data rows are numbered from the header (row 1 is the first row below it); `line` stays the
   * line or sheet row of the file.
   */
  headerRow?: number;
}

export interface ReaderOptions extends CsvOptions {
  /** XLSX: worksheet name or 1-based index (default: the first sheet). */
  sheet?: string | number;
}
