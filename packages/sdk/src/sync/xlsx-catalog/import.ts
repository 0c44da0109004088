import { orderEntry, stringifyEntry } from '../../catalog/emit';
import { canonicalToken } from '../../catalog/vocabulary';
import { cellText } from '../readers/xlsx';
import { columnLetter, LIST_PATHS, TEMPLATE_COLUMNS, type TemplateColumn } from './columns';

export interface SheetError {
  /** Sheet row as the spreadsheet shows it (the header is row 1). */
  row: number;
  /** Column letter and header, when the error is in one cell. */
  column?: string;
  header?: string;
  code: string;
  message: { zh: string; en: string };
}

export interface ImportedEntry {
  file: string;
  entry: Record<string, unknown>;
  /** The entry as YAML, in the canonical style. */
  text: string;
}

export interface CatalogImport {
  entries: ImportedEntry[];
  errors: SheetError[];
}

const REQUIRED_HEADERS = ['信息资源名称', '信息资源代码'];
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

interface Pending {
  row: number;
  entry: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
  file?: string;
  failed: boolean;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    if (!node[segment] || typeof node[segment] !== 'object') node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]!] = value;
}

/** Reads a 填报模板 workbook (first sheet) into catalogue entries, with row-level errors for what it cannot read. */
export async function importCatalogWorkbook(data: ArrayBuffer | Uint8Array): Promise<CatalogImport> {
  // Loaded on first use, like the export's.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const errors: SheetError[] = [];
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch (error) {
    errors.push({
      row: 0,
      code: 'xlsx.unreadable',
      message: {
        zh: `无法读取 XLSX 文件：${(error as Error).message}`,
        en: `cannot read the XLSX file: ${(error as Error).message}`,
      },
    });
    return { entries: [], errors };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    errors.push({
      row: 0,
      code: 'xlsx.no_sheet',
      message: { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' },
    });
    return { entries: [], errors };
  }
  const columns = new Map<number, TemplateColumn>();
  const byHeader = new Map(TEMPLATE_COLUMNS.map((column) => [column.header, column]));
  sheet.getRow(1).eachCell((cell, col) => {
    const column = byHeader.get(cellText(cell.value).trim());
    if (column) columns.set(col, column);
  });
  const present = new Set([...columns.values()].map((column) => column.header));
  const missing = REQUIRED_HEADERS.filter((header) => !present.has(header));
  if (missing.length > 0) {
    errors.push({
      row: 1,
      code: 'xlsx.header_missing',
      message: {
        zh: `第 1 行缺少表头：${missing.join('、')}（应为填报模板的表头）`,
        en: `row 1 lacks the header(s) ${missing.join(', ')} (the template's header row is expected)`,
      },
    });
    return { entries: [], errors };
  }
  const columnOf = new Map([...columns.entries()].map(([col, column]) => [column.header, col]));
  const entries: ImportedEntry[] = [];
  const seenCodes = new Map<string, number>();
  let current: Pending | undefined;

  const fail = (pending: Pending | undefined, error: SheetError) => {
    errors.push(error);
    if (pending) pending.failed = true;
  };
  const finish = (pending: Pending | undefined) => {
    if (!pending || pending.failed) return;
    if (pending.items.length > 0) pending.entry.items = pending.items;
    const entry = orderEntry(pending.entry);
    const code = String(entry.code);
    const file =
      pending.file && isSafeRelative(pending.file) ? pending.file : `${code.replace(/[/\\]/g, '-')}.yaml`;
    entries.push({ file, entry, text: stringifyEntry(entry) });
  };

  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const cells = new Map<string, { text: string; raw: unknown; col: number }>();
    for (const [col, column] of columns) {
      const raw = row.getCell(col).value;
      const text = cellText(raw).trim();
      if (text !== '') cells.set(column.header, { text, raw, col });
    }
    if (cells.size === 0) continue;
    const cellError = (header: string, code: string, zh: string, en: string): SheetError => ({
      row: rowNumber,
      column: columnLetter(columnOf.get(header) ?? 0),
      header,
      code,
      message: {
        zh: `第 ${rowNumber} 行「${header}」列：${zh}`,
        en: `row ${rowNumber}, column "${header}": ${en}`,
      },
    });
    const code = cells.get('信息资源代码')?.text;
    const startsResource =
      (code !== undefined && code !== current?.entry.code) || (!code && cells.has('信息资源名称'));
    if (startsResource) {
      finish(current);
      current = {
        row: rowNumber,
        entry: { apiVersion: 'unsilo/v1', kind: 'InformationResource' },
        items: [],
        failed: false,
      };
      if (!code) {
        fail(
          current,
          cellError(
            '信息资源代码',
            'xlsx.code_missing',
            '新资源的第一行必须填写信息资源代码',
            'the first row of a resource needs its code',
          ),
        );
      } else if (seenCodes.has(code)) {
        fail(
          current,
          cellError(
            '信息资源代码',
            'xlsx.duplicate_code',
            `代码 ${code} 已在第 ${seenCodes.get(code)} 行出现`,
            `code ${code} already appears on row ${seenCodes.get(code)}`,
          ),
        );
      } else {
        seenCodes.set(code, rowNumber);
      }
      for (const [header, cell] of cells) {
        const column = byHeader.get(header)!;
        if (column.level !== 'resource' || !column.path) continue;
        if (column.path === '$file') {
          current.file = cell.text;
          continue;
        }
        setPath(current.entry, column.path, resourceValue(column, cell.raw, cell.text));
      }
    } else if (!current) {
      fail(undefined, {
        row: rowNumber,
        code: 'xlsx.orphan_row',
        message: {
          zh: `第 ${rowNumber} 行是信息项续行，但上方没有信息资源（请填写信息资源代码）`,
          en: `row ${rowNumber} continues a resource, but no resource starts above it (fill in the resource code)`,
        },
      });
      continue;
    }
    const itemCells = [...cells].filter(([header]) => byHeader.get(header)?.level === 'item');
    if (itemCells.length === 0) continue;
    const item: Record<string, unknown> = {};
    for (const [header, cell] of itemCells) {
      const column = byHeader.get(header)!;
      const key = column.path!.slice('items[].'.length);
      if (key === 'length') {
        const length = Number(cell.text);
        if (!Number.isInteger(length) || length <= 0) {
          fail(
            current,
            cellError(
              header,
              'xlsx.length_invalid',
              `数据长度「${cell.text}」应为正整数`,
              `length "${cell.text}" must be a positive integer`,
            ),
          );
          continue;
        }
        item.length = length;
      } else {
        item[key] = column.vocabulary
          ? (canonicalToken(column.vocabulary, cell.text) ?? cell.text)
          : cell.text;
      }
    }
    if (item.name === undefined) {
      fail(
        current,
        cellError(
          '信息项名称',
          'xlsx.item_name_missing',
          '填写了信息项的其他列，但缺少信息项名称',
          'item columns are filled but the item has no name',
        ),
      );
      continue;
    }
    current.items.push(item);
  }
  finish(current);
  return { entries, errors };
}

function resourceValue(column: TemplateColumn, raw: unknown, text: string): unknown {
  if (column.path && LIST_PATHS.has(column.path)) {
    return text
      .split(/[；;]/)
      .map((part) => part.trim())
      .filter(Boolean);
  }
  if (column.path === 'publishedAt') {
    if (raw instanceof Date) return raw.toISOString().slice(0, 10);
    if (typeof raw === 'number' && raw > 20000 && raw < 80000) {
      return new Date(EXCEL_EPOCH + raw * 86_400_000).toISOString().slice(0, 10);
    }
  }
  if (column.vocabulary) return canonicalToken(column.vocabulary, text) ?? text;
  return text;
}

function isSafeRelative(path: string): boolean {
  return (
    /\.ya?ml$/i.test(path) &&
    !path.startsWith('/') &&
    !/^[a-z]:/i.test(path) &&
    !path.split(/[/\\]/).includes('..')
  );
}
