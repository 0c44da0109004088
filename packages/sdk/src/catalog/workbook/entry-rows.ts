import type ExcelJS from 'exceljs';
import { cellText, columnLetter } from '../../sources/xlsx';
import { orderEntry, stringifyEntry } from '../emit';
import { openTypeOf, valueOfCell } from './cell-values';
import type { TemplateColumn } from './columns';

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

const CODE = '信息资源代码';
const NAME = '信息资源名称';
const OPEN_CONDITION = '开放条件';

/** The resource being read: its first row, its entry so far, its items; `failed` once a row of it is wrong. */
interface Pending {
  row: number;
  entry: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
  file?: string;
  failed: boolean;
}

/** The filled cells of a row, by header, in column order. */
type RowCells = Map<string, { text: string; raw: unknown; column: TemplateColumn }>;

/**
 * Turns the data rows of a 填报模板 sheet, one after the other, into entries: a row with a new 信息资源代码 (or
 * a name without a code) starts a resource, a row without one continues it with one more information item.
 * A resource with a wrong row is reported, not written.
 */
export class EntryRows {
  private readonly entries: ImportedEntry[] = [];
  private readonly errors: SheetError[] = [];
  private readonly seenCodes = new Map<string, number>();
  private readonly letterOf: Map<string, string>;
  private current: Pending | undefined;

  /** `columns`: the template's column of each sheet column (1-based) that has one. */
  constructor(private readonly columns: ReadonlyMap<number, TemplateColumn>) {
    this.letterOf = new Map([...columns].map(([col, column]) => [column.header, columnLetter(col)]));
  }

  /** Reads the sheet row numbered `rowNumber`. */
  read(rowNumber: number, row: ExcelJS.Row): void {
    const cells = this.cellsOf(row);
    if (cells.size === 0) return;
    const code = cells.get(CODE)?.text;
    if ((code !== undefined && code !== this.current?.entry.code) || (!code && cells.has(NAME))) {
      this.startResource(rowNumber, code, cells);
    } else if (!this.current) {
      this.errors.push({
        row: rowNumber,
        code: 'xlsx.orphan_row',
        message: {
          zh: `第 ${rowNumber} 行是信息项续行，但上方没有信息资源（请填写信息资源代码）`,
          en: `row ${rowNumber} continues a resource, but no resource starts above it (fill in the resource code)`,
        },
      });
      return;
    }
    this.addItem(rowNumber, cells, this.current!);
  }

  /** The entries read and the errors found, once the last row is read. */
  end(): CatalogImport {
    this.finish(this.current);
    this.current = undefined;
    return { entries: this.entries, errors: this.errors };
  }

  private cellsOf(row: ExcelJS.Row): RowCells {
    const cells: RowCells = new Map();
    for (const [col, column] of this.columns) {
      const raw = row.getCell(col).value;
      const text = cellText(raw).trim();
      if (text !== '') cells.set(column.header, { text, raw, column });
    }
    return cells;
  }

  private startResource(rowNumber: number, code: string | undefined, cells: RowCells): void {
    this.finish(this.current);
    const current: Pending = {
      row: rowNumber,
      entry: { apiVersion: 'unsilo/v1', kind: 'InformationResource' },
      items: [],
      failed: false,
    };
    this.current = current;
    if (!code) {
      this.fail(current, rowNumber, CODE, 'xlsx.code_missing', [
        '新资源的第一行必须填写信息资源代码',
        'the first row of a resource needs its code',
      ]);
    } else if (this.seenCodes.has(code)) {
      const first = this.seenCodes.get(code);
      this.fail(current, rowNumber, CODE, 'xlsx.duplicate_code', [
        `代码 ${code} 已在第 ${first} 行出现`,
        `code ${code} already appears on row ${first}`,
      ]);
    } else {
      this.seenCodes.set(code, rowNumber);
    }
    for (const { text, raw, column } of cells.values()) {
      if (column.level !== 'resource' || !column.path) continue;
      if (column.path === '$file') current.file = text;
      else if (column.path === 'open.type')
        setPath(current.entry, column.path, openTypeOf(text, cells.has(OPEN_CONDITION)));
      else setPath(current.entry, column.path, valueOfCell(column, raw, text));
    }
  }

  /** The item columns of a row, as one more item of the resource (none when they are all blank). */
  private addItem(rowNumber: number, cells: RowCells, current: Pending): void {
    const itemCells = [...cells.values()].filter(({ column }) => column.level === 'item');
    if (itemCells.length === 0) return;
    const item: Record<string, unknown> = {};
    for (const { text, raw, column } of itemCells) {
      const key = column.path!.slice('items[].'.length);
      if (key !== 'length') {
        item[key] = valueOfCell(column, raw, text);
        continue;
      }
      const length = Number(text);
      if (Number.isInteger(length) && length > 0) item.length = length;
      else {
        this.fail(current, rowNumber, column.header, 'xlsx.length_invalid', [
          `数据长度「${text}」应为正整数`,
          `length "${text}" must be a positive integer`,
        ]);
      }
    }
    if (item.name !== undefined) current.items.push(item);
    else {
      this.fail(current, rowNumber, '信息项名称', 'xlsx.item_name_missing', [
        '填写了信息项的其他列，但缺少信息项名称',
        'item columns are filled but the item has no name',
      ]);
    }
  }

  /** An error in one cell; the resource it belongs to is not written. */
  private fail(
    pending: Pending,
    row: number,
    header: string,
    code: string,
    [zh, en]: [string, string],
  ): void {
    this.errors.push({
      row,
      column: this.letterOf.get(header) ?? '',
      header,
      code,
      message: { zh: `第 ${row} 行「${header}」列：${zh}`, en: `row ${row}, column "${header}": ${en}` },
    });
    pending.failed = true;
  }

  private finish(pending: Pending | undefined): void {
    if (!pending || pending.failed) return;
    if (pending.items.length > 0) pending.entry.items = pending.items;
    const entry = orderEntry(pending.entry);
    const code = String(entry.code);
    const file =
      pending.file && isSafeRelative(pending.file) ? pending.file : `${code.replace(/[/\\]/g, '-')}.yaml`;
    this.entries.push({ file, entry, text: stringifyEntry(entry) });
  }
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

function isSafeRelative(path: string): boolean {
  return (
    /\.ya?ml$/i.test(path) &&
    !path.startsWith('/') &&
    !/^[a-z]:/i.test(path) &&
    !path.split(/[/\\]/).includes('..')
  );
}
