import { CsvParser } from './csv-parser';
import { decodeText, openBytes } from './decode';
import type { ByteSource, CsvOptions, ItemSink, SourceItem } from './types';

/** Reads CSV as batches of rows (one batch per decoded chunk): the fastest way to stream a large file. */
export async function* readCsvBatches(
  source: ByteSource,
  options: CsvOptions = {},
): AsyncGenerator<SourceItem[]> {
  const parser = new CsvParser(options);
  for await (const text of decodeText(openBytes(source), options.encoding ?? 'auto')) {
    const out: SourceItem[] = [];
    parser.push(text, out);
    if (out.length > 0) yield out;
  }
  const out: SourceItem[] = [];
  parser.end(out);
  if (out.length > 0) yield out;
}

/**
 * Reads CSV and hands each item to `sink` as soon as it is parsed, while its strings are still in the CPU's
 * caches (a batch of a few hundred rows is not, by the time its last row is parsed); `between` runs after each
 * decoded chunk of text, and is awaited (backpressure). The fastest way to consume a large file.
 */
export async function pumpCsv(
  source: ByteSource,
  options: CsvOptions,
  sink: ItemSink,
  between: () => Promise<void>,
): Promise<void> {
  const parser = new CsvParser(options);
  for await (const text of decodeText(openBytes(source), options.encoding ?? 'auto')) {
    parser.push(text, sink);
    await between();
  }
  parser.end(sink);
  await between();
}

/** Reads CSV row by row: `{ row, values }` for records, `{ row, line, error }` for malformed lines. */
export async function* readCsv(source: ByteSource, options: CsvOptions = {}): AsyncGenerator<SourceItem> {
  for await (const batch of readCsvBatches(source, options)) yield* batch;
}
