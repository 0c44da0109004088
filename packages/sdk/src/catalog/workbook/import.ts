import type ExcelJS from 'exceljs';
import { cellText } from '../../sources/xlsx';
import { TEMPLATE_COLUMNS, type TemplateColumn } from './columns';
import { type CatalogImport, EntryRows, type SheetError } from './entry-rows';

export type { CatalogImport, ImportedEntry, SheetError } from './entry-rows';

const REQUIRED_HEADERS = ['信息资源名称', '信息资源代码'];

/** Reads a 填报模板 workbook (first sheet) into catalogue entries, with row-level errors for what it cannot read. */
export async function importCatalogWorkbook(data: ArrayBuffer | Uint8Array): Promise<CatalogImport> {
  const opened = await firstSheet(data);
  if ('error' in opened) return { entries: [], errors: [opened.error] };
  const { sheet } = opened;
  const columns = templateColumnsOf(sheet);
  if ('error' in columns) return { entries: [], errors: [columns.error] };
  const rows = new EntryRows(columns.found);
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++)
    rows.read(rowNumber, sheet.getRow(rowNumber));
  return rows.end();
}

async function firstSheet(
  data: ArrayBuffer | Uint8Array,
): Promise<{ sheet: ExcelJS.Worksheet } | { error: SheetError }> {
  // Loaded on first use, like the export's.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch (error) {
    const reason = (error as Error).message;
    return {
      error: {
        row: 0,
        code: 'xlsx.unreadable',
        message: { zh: `无法读取 XLSX 文件：${reason}`, en: `cannot read the XLSX file: ${reason}` },
      },
    };
  }
  const sheet = workbook.worksheets[0];
  if (sheet) return { sheet };
  return {
    error: {
      row: 0,
      code: 'xlsx.no_sheet',
      message: { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' },
    },
  };
}

/** The template's column of each sheet column, by the header row; an error when a required header is missing. */
function templateColumnsOf(
  sheet: ExcelJS.Worksheet,
): { found: Map<number, TemplateColumn> } | { error: SheetError } {
  const found = new Map<number, TemplateColumn>();
  const byHeader = new Map(TEMPLATE_COLUMNS.map((column) => [column.header, column]));
  sheet.getRow(1).eachCell((cell, col) => {
    const column = byHeader.get(cellText(cell.value).trim());
    if (column) found.set(col, column);
  });
  const present = new Set([...found.values()].map((column) => column.header));
  const missing = REQUIRED_HEADERS.filter((header) => !present.has(header));
  if (missing.length === 0) return { found };
  return {
    error: {
      row: 1,
      code: 'xlsx.header_missing',
      message: {
        zh: `第 1 行缺少表头：${missing.join('、')}（应为填报模板的表头）`,
        en: `row 1 lacks the header(s) ${missing.join(', ')} (the template's header row is expected)`,
      },
    },
  };
}
