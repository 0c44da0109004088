import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DataRecord } from '../generated';
import { csvLine, csvRecordLine, guardFormula, type RecordValue } from './cell-text';
import { ConsumeError } from './consume-error';
import { type CsvEncoding, encodeCsv } from './csv-encoding';

export type ExportFormat = 'ndjson' | 'csv' | 'xlsx';

/** Writes records to one file, a page at a time; `finish` flushes it to disk, `abort` just closes it. */
export interface RecordWriter {
  write(records: readonly DataRecord[]): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/** The export format a file name asks for: `.ndjson`/`.jsonl`, `.csv` or `.xlsx`. */
export function exportFormatOf(file: string): ExportFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw new ConsumeError(
    'export.unknown_format',
    `cannot tell the format from "${file}": name the file .ndjson, .jsonl, .csv or .xlsx`,
    `无法从文件名「${file}」判断格式：请使用 .ndjson、.jsonl、.csv 或 .xlsx`,
  );
}

export interface WriterOptions {
  path: string;
  format: ExportFormat;
  /** The entry's item keys, in order: CSV header and XLSX columns. */
  columns: readonly string[];
  encoding: CsvEncoding;
}

export async function openRecordWriter(options: WriterOptions): Promise<RecordWriter> {
  if (options.format === 'xlsx') return openXlsxWriter(options.path, options.columns);
  const handle = await open(options.path, 'w', 0o600);
  const encode = (text: string) =>
    options.format === 'csv' ? encodeCsv(text, options.encoding) : Buffer.from(text, 'utf8');
  const lineOf =
    options.format === 'csv'
      ? (record: DataRecord) => csvRecordLine(record, options.columns)
      : (record: DataRecord) => `${JSON.stringify(record)}\n`;
  if (options.format === 'csv') await handle.write(encode(csvLine(options.columns)));
  return {
    async write(records) {
      if (records.length > 0) await handle.write(encode(records.map(lineOf).join('')));
    },
    async finish() {
      await handle.sync();
      await handle.close();
    },
    async abort() {
      await handle.close();
    },
  };
}

/** Excel's sheet holds 1,048,576 rows; one is the header. */
const xlsxMaxRecords = 1_048_575;

/** XLSX through exceljs's streaming writer: rows go to disk as they come, not held in memory. */
async function openXlsxWriter(path: string, columns: readonly string[]): Promise<RecordWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('records');
  sheet.addRow([...columns]).commit();
  let written = 0;
  return {
    async write(records) {
      if (written + records.length > xlsxMaxRecords) {
        throw new ConsumeError(
          'export.too_many_rows',
          `more than ${xlsxMaxRecords} records do not fit an XLSX sheet; export to .csv or .ndjson`,
          `记录超过 ${xlsxMaxRecords} 条，XLSX 工作表放不下；请导出为 .csv 或 .ndjson`,
        );
      }
      for (const record of records) sheet.addRow(columns.map((c) => xlsxCell(record[c]))).commit();
      written += records.length;
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
    async abort() {
      // Closes the zip stream so the temporary file can be removed; its content no longer matters.
      await workbook.commit().catch(() => undefined);
    },
  };
}

/** Numbers and booleans stay typed cells; text is formula-guarded like CSV; null is an empty cell. */
function xlsxCell(value: RecordValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? guardFormula(value) : value;
}
