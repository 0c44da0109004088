import { canonicalToken, termOf } from '../vocabulary';
import { LIST_PATHS, LIST_SEPARATOR, type TemplateColumn, YES_NO_PATHS } from './columns';
import { matterCell, matterOfCell } from './matter-cell';

/** The answers of the template's yes/no columns (是否向社会开放, 是否必填). */
const YES = '是';
const NO = '否';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The cell written for a value of the entry: lists joined, vocabulary tokens as national labels, flags as 是/否. */
export function cellOf(value: unknown, column: TemplateColumn): string | number | null {
  if (value === undefined || value === null) return null;
  if (column.path && LIST_PATHS.has(column.path) && Array.isArray(value))
    return value.map(column.path === 'businessMatters' ? matterCell : String).join(LIST_SEPARATOR);
  if (column.path && YES_NO_PATHS.has(column.path) && typeof value === 'boolean') return value ? YES : NO;
  if (column.vocabulary && typeof value === 'string') return termOf(column.vocabulary, value)?.zh ?? value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Whether import reads this condition as filled in (it reads trimmed cells, and an empty cell as absent). */
function hasCondition(condition: unknown): boolean {
  return condition !== undefined && condition !== null && String(condition).trim() !== '';
}

/**
 * The 是否向社会开放 cell. The template asks a yes/no question and leaves the conditions to 开放条件, so 否 is
 * `none` and 是 is `conditional` when a condition is given, `unconditional` otherwise. An entry that does not
 * fit this reading (conditional without its condition, unconditional with one) keeps its national label, so
 * that it still reads back as written.
 */
export function openTypeCell(
  type: unknown,
  condition: unknown,
  column: TemplateColumn,
): string | number | null {
  if (type === 'none') return NO;
  if (type === (hasCondition(condition) ? 'conditional' : 'unconditional')) return YES;
  return cellOf(type, column);
}

/** The `open.type` a 是否向社会开放 cell stands for, given whether the row fills in 开放条件. */
export function openTypeOf(text: string, conditionFilled: boolean): string {
  if (text === YES) return conditionFilled ? 'conditional' : 'unconditional';
  if (text === NO) return 'none';
  return canonicalToken('openType', text) ?? text;
}

/**
 * The entry value of a filled cell (`text` is its trimmed text, `raw` what the sheet holds). Values that do not
 * fit the column are kept as written, for `unsilo lint` to report.
 */
export function valueOfCell(column: TemplateColumn, raw: unknown, text: string): unknown {
  if (column.path && LIST_PATHS.has(column.path)) {
    const parts = text
      .split(/[；;]/)
      .map((part) => part.trim())
      .filter(Boolean);
    return column.path === 'businessMatters' ? parts.map(matterOfCell) : parts;
  }
  if (column.path && YES_NO_PATHS.has(column.path)) {
    if (text === YES) return true;
    if (text === NO) return false;
    return text;
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
