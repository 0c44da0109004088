import type { ExchangeClient } from '../client';
import { ConsumeError } from './consume-error';
import type { CsvEncoding } from './csv-encoding';
import { readEntryShape } from './entry-shape';
import { type ExportFormat, exportFormatOf, openRecordWriter, type RecordWriter } from './record-writers';
import { TempFile } from './temp-file';

export interface ExportProgress {
  /** Records written so far. */
  records: number;
}

export interface ExportRecordsOptions {
  client: ExchangeClient;
  /** The resource code, e.g. `307002010101/000001`. */
  code: string;
  /** Equality filters on item keys (`{ xb: '1' }`), as the exchange's `filter[<itemKey>]`. */
  filter?: Record<string, string>;
  /** The file to write; its extension chooses the format (`.ndjson`/`.jsonl`, `.csv`, `.xlsx`). */
  file: string;
  /** CSV only: `utf-8` (default) or `gbk`. */
  encoding?: CsvEncoding;
  /** Called after each page written. */
  onProgress?: (progress: ExportProgress) => void;
  /** Aborts the export; the target file is then left as it was. */
  signal?: AbortSignal;
  /** Records per request (1..1000, default 1000). */
  pageSize?: number;
}

export interface ExportResult {
  records: number;
  format: ExportFormat;
  file: string;
}

/**
 * Writes every record of a resource the caller may read (matching `filter`) to `file`, paging the
 * exchange's query to the end. The file appears only complete: it is written under a temporary name and
 * renamed at the end, so a refused, failed or aborted export leaves no half file.
 */
export async function exportRecords(options: ExportRecordsOptions): Promise<ExportResult> {
  const format = exportFormatOf(options.file);
  const encoding = options.encoding ?? 'utf-8';
  if (format !== 'csv' && encoding !== 'utf-8') {
    throw new ConsumeError(
      'export.encoding_not_csv',
      `an encoding applies to CSV only (${options.file} is ${format})`,
      `编码只适用于 CSV（${options.file} 为 ${format}）`,
    );
  }
  // The first page before any file: a refused export (403) fails here, having written nothing.
  const pages = options.client.records
    .query(
      options.code,
      { limit: options.pageSize ?? 1000, ...(options.filter ? { filter: options.filter } : {}) },
      options.signal ? { signal: options.signal } : undefined,
    )
    .pages();
  const first = await pages.next();
  const columns =
    format === 'ndjson' ? [] : (await readEntryShape(options.client, options.code, options.signal)).items;
  const temp = new TempFile(options.file);
  let writer: RecordWriter | undefined;
  try {
    writer = await openRecordWriter({ path: temp.path, format, columns, encoding });
    let records = 0;
    for (let page = first; !page.done; page = await pages.next()) {
      options.signal?.throwIfAborted();
      await writer.write(page.value.items);
      records += page.value.items.length;
      options.onProgress?.({ records });
    }
    await writer.finish();
    writer = undefined;
    await temp.commit();
    return { records, format, file: options.file };
  } catch (error) {
    await writer?.abort().catch(() => undefined);
    await temp.discard();
    throw error;
  }
}
