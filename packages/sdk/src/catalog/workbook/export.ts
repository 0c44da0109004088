import type ExcelJS from 'exceljs';
import { cellOf, openTypeCell } from './cell-values';
import { SHEET_NAME, TEMPLATE_COLUMNS } from './columns';

export interface CatalogSheetEntry {
  /** Where the entry lives, relative to the catalogue directory (kept in the 文件 column). */
  file: string;
  entry: Record<string, unknown>;
}

function valueAt(entry: Record<string, unknown>, path: string): unknown {
  let value: unknown = entry;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Builds the 填报模板 workbook: one row per information item, resource columns on the first row only. */
export async function buildCatalogWorkbook(entries: readonly CatalogSheetEntry[]): Promise<ExcelJS.Workbook> {
  // Loaded on first use: exceljs is large, and every command of the CLI would otherwise pay for it at start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'unsilo';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  TEMPLATE_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column.extension ? 'FFE8F0FE' : 'FFF2F2F2' },
    };
  });
  entries.forEach(({ file, entry }, resourceIndex) => {
    const items = Array.isArray(entry.items) ? (entry.items as Array<Record<string, unknown>>) : [];
    const code = typeof entry.code === 'string' ? entry.code : '';
    const [classification = ''] = code.split('/');
    const rowCount = Math.max(1, items.length);
    for (let i = 0; i < rowCount; i++) {
      const item = items[i];
      const values = TEMPLATE_COLUMNS.map((column) => {
        if (column.level === 'row') return i === 0 ? resourceIndex + 1 : null;
        if (column.level === 'item') {
          const key = column.path!.slice('items[].'.length);
          return item && typeof item === 'object' ? cellOf(item[key], column) : null;
        }
        if (i > 0) return null;
        if (column.path === '$file') return file;
        if (column.header === '目分类') return classification.slice(3, 6) || null;
        if (column.header === '细目分类1') return classification.slice(6) || null;
        if (!column.path) return null;
        if (column.path === 'open.type') {
          return openTypeCell(valueAt(entry, 'open.type'), valueAt(entry, 'open.condition'), column);
        }
        return cellOf(valueAt(entry, column.path), column);
      });
      const row = sheet.addRow(values);
      // Codes and dates stay text: Excel must not turn 000012 into 12 or 2019-05-10 into a serial number.
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.numFmt = '@';
      });
    }
  });
  return workbook;
}
