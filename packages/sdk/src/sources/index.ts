/**
 * `@unsilo/sdk/sources` (Node): the readers of legacy sources. The file readers — CSV (RFC 4180, GBK or UTF-8),
 * NDJSON, XLSX — yield `{ row, values }`, and `{ row, line, error }` for what cannot be read; `keysetRows` yields
 * a SQL table's rows as the caller's query returns them. Nothing here knows about mappings or the exchange.
 */

export { type ContentKind, checkSourceFormat, contentKindOf } from './content-kind';
export { pumpCsv, readCsv, readCsvBatches } from './csv';
export { CsvParser } from './csv-parser';
export { decodeText, detectEncoding } from './decode';
export { checkSourceEncoding, encodingMismatch } from './encoding-check';
export { SourceError } from './errors';
export { type KeysetOptions, type KeysetPage, type KeysetQuery, keysetRows } from './keyset';
export {
  type KeysetPlanOptions,
  type KeysetShardRange,
  MAX_KEYSET_SHARDS,
  planKeysetShards,
} from './keyset-plan';
export { readNdjson, readNdjsonBatches } from './ndjson';
export { readHead, type SourceHead } from './read-head';
export { pumpSource, readSource, readSourceBatches } from './read-source';
export type {
  ByteSource,
  CsvOptions,
  ItemSink,
  ReaderOptions,
  SourceEncoding,
  SourceFormat,
  SourceItem,
  SourceReject,
  SourceRow,
} from './types';
export { DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_RECORD_CHARS, isReject } from './types';
export { cellText, columnLetter, readXlsx, readXlsxBatches } from './xlsx';
