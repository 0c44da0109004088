import type { RowIssue } from '../findings/finding';
import type { SourceReject } from './types';

/** The text of an unreadable record as its reject quotes it: at most 200 characters. */
export function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A record (CSV) or line (NDJSON) that could not be read: the reject of data row `row`, at physical line `line`. */
export function rejectAt(
  row: number,
  line: number,
  rule: string,
  value: string,
  en: string,
  zh: string,
  field = '',
): SourceReject {
  const error: RowIssue = {
    field,
    rule,
    value,
    message: `line ${line}: ${en}`,
    zh: `第 ${line} 行：${zh}`,
  };
  return { row, line, error };
}
