import { Readable } from 'node:stream';
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

type XlsxOptions = Pick<ReaderOptions, 'sheet' | 'maxFieldChars' | 'maxRecordChars'>;

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
 * inflated, not by loading the workbook). The first row is the header; `row` counts data rows and `line`
 * is the sheet row, as the spreadsheet shows it. exceljs holds a cell's text whole while it reads it, so the
 * cell limit bounds what reaches the rows, not what exceljs reads.
 */
export async function* readXlsxBatches(
  source: ByteSource,
  options: XlsxOptions = {},
): AsyncGenerator<SourceItem[]> {
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
  let index = 0;
  let found = false;
  for await (const worksheet of reader) {
    index++;
    const ws = worksheet as unknown as AsyncIterable<unknown> & { name?: string };
    const selected = !found && (typeof wanted === 'number' ? wanted === index : ws.name === wanted);
    if (!selected) {
      for await (const _ of ws) {
        // drain the entry so the zip stream moves on
      }
      continue;
    }
    found = true;
    let header: string[] | undefined;
    let headerRow = 0;
    let batch: SourceItem[] = [];
    for await (const rowObject of ws) {
      const r = rowObject as { number: number; values: unknown[] };
      const cells = r.values;
      if (!header) {
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
  if (!found) {
    throw new Error(`the workbook has no worksheet ${JSON.stringify(wanted)}`);
  }
}

export async function* readXlsx(source: ByteSource, options: XlsxOptions = {}): AsyncGenerator<SourceItem> {
  for await (const batch of readXlsxBatches(source, options)) yield* batch;
}
