import { CsvParser } from './csv-parser';
import { decodeText, openBytes } from './decode';
import { readNdjsonBatches } from './ndjson';
import { uniqueColumns } from './rows';
import { type ByteSource, isReject, type ReaderOptions, type SourceFormat } from './types';
import { sheetRows } from './xlsx';

/** The top of a source, as a pre-flight looks at it before any row is read. */
export interface SourceHead {
  /** The column names as the reader will read them (`headerRow` applied); undefined for an empty input. */
  header?: string[];
  /**
   * The first lines (CSV) or sheet rows (XLSX) of the file from its top, whatever `headerRow` says, each split
   * into its cells; NDJSON: the first records' values. A header further down, or garbled text, shows here.
   */
  lines: Array<{ line: number; cells: string[] }>;
}

/** Text looked at: the share of a text file the `auto` encoding is picked from. */
const HEAD_CHARS = 64 * 1024;

/**
 * Reads the header and the first `count` lines of a source, and stops. Throws what the reader throws (a missing
 * worksheet is a `SourceError` `source/no-sheet`).
 */
export async function readHead(
  source: ByteSource,
  format: SourceFormat,
  options: ReaderOptions,
  count = 20,
): Promise<SourceHead> {
  if (format === 'csv') return csvHead(source, options, count);
  if (format === 'xlsx') return xlsxHead(source, options, count);
  return ndjsonHead(source, options, count);
}

async function csvHead(source: ByteSource, options: ReaderOptions, count: number): Promise<SourceHead> {
  const parser = new CsvParser(options);
  const ignored = { push: () => undefined };
  let text = '';
  for await (const chunk of decodeText(openBytes(source), options.encoding ?? 'auto')) {
    if (text.length < HEAD_CHARS) text += chunk;
    parser.push(chunk, ignored);
    if (parser.columns && text.length >= HEAD_CHARS) break;
  }
  if (!parser.columns) parser.end(ignored);
  const header = parser.columns && parser.columns.length > 0 ? [...parser.columns] : undefined;
  const lines = text
    .split('\n')
    .slice(0, count)
    .map((line, index) => ({ line: index + 1, cells: lineCells(line, options.delimiter) }))
    .filter((l) => l.cells.some((cell) => cell !== ''));
  return { ...(header ? { header } : {}), lines };
}

/** A line's cells as CSV reads them (quotes removed), the line read on its own. */
function lineCells(line: string, delimiter: string | undefined): string[] {
  const parser = new CsvParser({ delimiter });
  const ignored = { push: () => undefined };
  parser.push(line.replace(/\r$/, ''), ignored);
  parser.end(ignored);
  return [...(parser.columns ?? [])].map((cell) => (/^column_\d+$/.test(cell) ? '' : cell));
}

async function xlsxHead(source: ByteSource, options: ReaderOptions, count: number): Promise<SourceHead> {
  const firstRow = options.headerRow ?? 1;
  const lines: SourceHead['lines'] = [];
  let header: string[] | undefined;
  for await (const { line, cells } of sheetRows(source, options)) {
    if (line <= count) lines.push({ line, cells });
    if (!header && line >= firstRow) header = uniqueColumns(cells);
    if (header && line >= count) break;
  }
  return { ...(header ? { header } : {}), lines };
}

async function ndjsonHead(source: ByteSource, options: ReaderOptions, count: number): Promise<SourceHead> {
  const lines: SourceHead['lines'] = [];
  let header: string[] | undefined;
  for await (const batch of readNdjsonBatches(source, options)) {
    for (const item of batch) {
      if (isReject(item)) continue;
      header ??= Object.keys(item.values);
      lines.push({ line: item.row, cells: Object.values(item.values).map(String) });
      if (lines.length === count) return { header, lines };
    }
  }
  return { ...(header ? { header } : {}), lines };
}
