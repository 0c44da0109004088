import { checkSourceFormat, readSourceBatches } from '../../sources/index';
import type { ByteSource, ReaderOptions, SourceItem } from '../../sources/types';
import type { FieldMapping, SourceFormat } from '../types';

/** A sample: a file path, its bytes, or a stream of them. */
export type SampleSource = ByteSource | Uint8Array;

/** The reader options a mapping's `source` gives. */
export function readerOptionsOf(mapping: FieldMapping): ReaderOptions {
  const source = mapping.source;
  return {
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheet: source.sheet,
    ...(source.headerRow !== undefined ? { headerRow: source.headerRow } : {}),
  };
}

/**
 * The format a sample file is read as: its extension when it names one (`.ndjson`, `.jsonl`, `.xlsx`), else the
 * mapping's `source.format` (the editor picks samples by hand, of any name).
 */
export function sampleFormatOf(path: string, mappingFormat: SourceFormat | undefined): SourceFormat {
  if (/\.(ndjson|jsonl)$/i.test(path)) return 'ndjson';
  if (/\.xlsx$/i.test(path)) return 'xlsx';
  return mappingFormat ?? 'csv';
}

/** The first `max` items of a sample, and whether there were more; the source is closed after them. */
export async function readSample(
  sample: SampleSource,
  format: SourceFormat,
  options: ReaderOptions,
  max: number,
): Promise<{ rows: SourceItem[]; truncated: boolean }> {
  const rows: SourceItem[] = [];
  await checkSourceFormat(sample, format);
  const source = sample instanceof Uint8Array ? bytesOnce(sample) : sample;
  for await (const batch of readSourceBatches(source, format, options)) {
    for (const item of batch) {
      if (rows.length === max) return { rows, truncated: true };
      rows.push(item);
    }
  }
  return { rows, truncated: false };
}

async function* bytesOnce(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
