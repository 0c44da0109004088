import { pumpCsv, readCsvBatches } from './csv';
import { readNdjsonBatches } from './ndjson';
import type { ByteSource, ItemSink, ReaderOptions, SourceFormat, SourceItem } from './types';
import { readXlsxBatches } from './xlsx';

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

/**
 * Hands every item of a source to `sink` and awaits `between` after each chunk (backpressure). CSV items reach
 * the sink the moment they are parsed; other formats a batch at a time.
 */
export async function pumpSource(
  source: ByteSource,
  format: SourceFormat,
  options: ReaderOptions,
  sink: ItemSink,
  between: () => Promise<void>,
): Promise<void> {
  if (format === 'csv') return pumpCsv(source, options, sink, between);
  for await (const batch of readSourceBatches(source, format, options)) {
    for (const item of batch) sink.push(item);
    await between();
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
