import type { RowIssue, SourceEncoding, SourceRow } from '../../mapping/types';

export type { SourceRow };

/** A line (or record) of the source that could not be read; it counts as a read and rejected row. */
export interface SourceReject {
  /** 1-based data row it would have been. */
  row: number;
  /** 1-based physical line (CSV, NDJSON) or sheet row (XLSX) where it starts. */
  line: number;
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

export interface CsvOptions {
  encoding?: SourceEncoding;
  delimiter?: string;
  /** Longest record (in characters) before an open quote is declared never closed. Default 1 MiB. */
  maxRecordChars?: number;
}

export interface ReaderOptions extends CsvOptions {
  /** XLSX: worksheet name or 1-based index (default: the first sheet). */
  sheet?: string | number;
}
