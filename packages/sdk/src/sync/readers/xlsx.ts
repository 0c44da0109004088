import { Readable } from 'node:stream';
import type { ByteSource, ReaderOptions, SourceItem } from './types';

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

/**
 * Streams one worksheet of an XLSX workbook with exceljs' `WorkbookReader` (rows are read as the zip is
 * inflated, not by loading the workbook). The first row is the header; `row` counts data rows and `line`
 * is the sheet row, as the spreadsheet shows it.
 */
export async function* readXlsxBatches(
  source: ByteSource,
  options: Pick<ReaderOptions, 'sheet'> = {},
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
        const seen = new Map<string, number>();
        header = [];
        for (let c = 1; c < cells.length; c++) {
          const name = cellText(cells[c]).trim() || `column_${c}`;
          const count = (seen.get(name) ?? 0) + 1;
          seen.set(name, count);
          header.push(count === 1 ? name : `${name}_${count}`);
        }
        headerRow = r.number;
        continue;
      }
      const values: Record<string, string> = {};
      let empty = true;
      for (let c = 0; c < header.length; c++) {
        const text = cellText(cells[c + 1]);
        if (text !== '') empty = false;
        values[header[c]!] = text;
      }
      if (empty) continue;
      batch.push({ row: r.number - headerRow, values });
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

export async function* readXlsx(
  source: ByteSource,
  options: Pick<ReaderOptions, 'sheet'> = {},
): AsyncGenerator<SourceItem> {
  for await (const batch of readXlsxBatches(source, options)) yield* batch;
}
