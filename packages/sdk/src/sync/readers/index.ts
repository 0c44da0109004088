import type { SourceFormat } from '../../mapping/types';
import { readCsvBatches } from './csv';
import { readNdjsonBatches } from './ndjson';
import type { ByteSource, ReaderOptions, SourceItem } from './types';
import { readXlsxBatches } from './xlsx';

export { CsvParser, readCsv, readCsvBatches } from './csv';
export { decodeText, detectEncoding } from './decode';
export { readNdjson, readNdjsonBatches } from './ndjson';
export type { ByteSource, CsvOptions, ReaderOptions, SourceItem, SourceReject, SourceRow } from './types';
export { isReject } from './types';
export { cellText, readXlsx, readXlsxBatches } from './xlsx';

/** Reads a source of the given format (a mapping's `source.format`) in batches of rows and rejects. */
export function readSourceBatches(
  source: ByteSource,
  format: SourceFormat,
  options: ReaderOptions = {},
): AsyncGenerator<SourceItem[]> {
  switch (format) {
    case 'csv':
      return readCsvBatches(source, options);
    case 'ndjson':
      return readNdjsonBatches(source, options);
    case 'xlsx':
      return readXlsxBatches(source, options);
    default:
      throw new Error(`unknown source format ${JSON.stringify(format)}`);
  }
}

/** Reads a source row by row. */
export async function* readSource(
  source: ByteSource,
  format: SourceFormat,
  options: ReaderOptions = {},
): AsyncGenerator<SourceItem> {
  for await (const batch of readSourceBatches(source, format, options)) yield* batch;
}
