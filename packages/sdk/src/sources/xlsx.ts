import { Readable } from 'node:stream';
import { SourceError } from './errors';
import { excerpt } from './reject';
import { uniqueColumns } from './rows';
import {
  type ByteSource,
  DEFAULT_MAX_FIELD_CHARS,
  DEFAULT_MAX_RECORD_CHARS,
  type ReaderOptions,
  type SourceItem,
} from './types';

/** A cell as text: dates as ISO (date only at midnight), rich text joined, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: Array<{ text: string }>;
      text?: unknown;
      result?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return String(v.error);
  }
  return String(value);
}

/** A column's letters as the spreadsheet shows them: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

type XlsxOptions = Pick<ReaderOptions, 'sheet' | 'headerRow' | 'maxFieldChars' | 'maxRecordChars'>;

/**
 * A data row as text values, or its reject when a cell is longer than `maxFieldChars` or the row longer than
 * `maxRecordChars` (the same limits as CSV fields and records); undefined for an empty row. Values inherit
 * nothing: a header cell `__proto__` is a column like any other.
 */
function rowItem(
  header: readonly string[],
  cells: unknown[],
  row: number,
  line: number,
  options: XlsxOptions,
): SourceItem | undefined {
  const maxField = options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
  const maxRecord = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const values: Record<string, string> = Object.create(null);
  let empty = true;
  let chars = 0;
  for (let c = 0; c < header.length; c++) {
    const text = cellText(cells[c + 1]);
    if (text !== '') empty = false;
    chars += text.length;
    if (text.length > maxField) {
      const cell = `${columnLetter(c + 1)}${line}`;
      return rejectRow(row, line, 'xlsx/field-too-large', header[c]!, text, [
        `cell ${cell} (${header[c]}) is longer than ${maxField} characters (the limit); row skipped`,
        `单元格 ${cell}（${header[c]}）超过 ${maxField} 个字符的上限，已跳过该行`,
      ]);
    }
    values[header[c]!] = text;
  }
  if (chars > maxRecord) {
    return rejectRow(row, line, 'xlsx/record-too-large', '', '', [
      `row longer than ${maxRecord} characters (the limit); skipped`,
      `该行超过 ${maxRecord} 个字符的上限，已跳过`,
    ]);
  }
  return empty ? undefined : { row, values };
}

function rejectRow(
  row: number,
  line: number,
  rule: string,
  field: string,
  text: string,
  [en, zh]: [string, string],
): SourceItem {
  return {
    row,
    line,
    error: { field, rule, value: excerpt(text), message: `row ${line}: ${en}`, zh: `第 ${line} 行：${zh}` },
  };
}

/**
 * Streams one worksheet of an XLSX workbook with exceljs' `WorkbookReader` (rows are read as the zip is
 * inflated, not by loading the workbook). The header is the first non-empty row at or below `headerRow`
 * (default 1: rows above it, such as a merged title, are skipped); `row` counts data rows from the header and
 * `line` is the sheet row, as the spreadsheet shows it. exceljs holds a cell's text whole while it reads it, so
 * the cell limit bounds what reaches the rows, not what exceljs reads. A sheet the workbook lacks is refused
 * (`source/no-sheet`, naming the sheets it has).
 */
export function readXlsxBatches(source: ByteSource, options: XlsxOptions = {}): AsyncGenerator<SourceItem[]> {
  return sheetBatches(worksheetRows(source, options), options);
}

/** An exceljs row: its sheet row number and its values (from index 1, empty cells as holes). */
interface SheetRow {
  number: number;
  values: unknown[];
}

/** The rows of the chosen worksheet, as exceljs reads them; a sheet the workbook lacks is refused. */
async function* worksheetRows(source: ByteSource, options: XlsxOptions): AsyncGenerator<SheetRow> {
  const input = typeof source === 'string' ? source : Readable.from(source);
  // Loaded on first use: exceljs is large, and most runs read CSV.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const wanted = options.sheet ?? 1;
  const names: string[] = [];
  let found = false;
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as AsyncIterable<SheetRow> & { name?: string };
    names.push(ws.name ?? String(names.length + 1));
    const selected = !found && (typeof wanted === 'number' ? wanted === names.length : ws.name === wanted);
    if (!selected) {
      for await (const _ of ws) {
        // drain the entry so the zip stream moves on
      }
      continue;
    }
    found = true;
    yield* ws;
  }
  if (!found) throw noSheet(wanted, names);
}

/** The rows of the chosen worksheet from its top, `headerRow` or not: each sheet row's number and cell texts. */
export async function* sheetRows(
  source: ByteSource,
  options: XlsxOptions = {},
): AsyncGenerator<{ line: number; cells: string[] }> {
  for await (const r of worksheetRows(source, options)) {
    yield {
      line: r.number,
      cells: Array.from({ length: r.values.length - 1 }, (_, c) => cellText(r.values[c + 1])),
    };
  }
}

/** The rows of one worksheet, in batches: the header first (at or below `headerRow`), then the data rows. */
async function* sheetBatches(
  rows: AsyncIterable<SheetRow>,
  options: XlsxOptions,
): AsyncGenerator<SourceItem[]> {
  const firstRow = options.headerRow ?? 1;
  let header: string[] | undefined;
  let headerRow = 0;
  let batch: SourceItem[] = [];
  for await (const r of rows) {
    const cells = r.values;
    if (!header) {
      if (r.number < firstRow) continue;
      // exceljs' row values start at index 1 and leave empty cells as holes.
      header = uniqueColumns(Array.from({ length: cells.length - 1 }, (_, c) => cellText(cells[c + 1])));
      headerRow = r.number;
      continue;
    }
    const item = rowItem(header, cells, r.number - headerRow, r.number, options);
    if (!item) continue;
    batch.push(item);
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function noSheet(wanted: string | number, names: readonly string[]): SourceError {
  const which = typeof wanted === 'number' ? `sheet ${wanted}` : `worksheet "${wanted}"`;
  const zhWhich = typeof wanted === 'number' ? `第 ${wanted} 个工作表` : `工作表「${wanted}」`;
  const list = names.map((n) => `"${n}"`).join(', ');
  return new SourceError(
    'source/no-sheet',
    `the workbook has no ${which} (source.sheet); its sheets: ${list || 'none'}`,
    `工作簿中没有${zhWhich}（source.sheet）；现有工作表：${names.map((n) => `「${n}」`).join('、') || '无'}`,
  );
}

export async function* readXlsx(source: ByteSource, options: XlsxOptions = {}): AsyncGenerator<SourceItem> {
  for await (const batch of readXlsxBatches(source, options)) yield* batch;
}
