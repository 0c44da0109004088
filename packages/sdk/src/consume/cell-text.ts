import type { DataRecord } from '../generated';

export type RecordValue = DataRecord[string];

/**
 * Text a spreadsheet would run as a formula (CSV injection): `=`, `+`, `-`, `@`, and tab / carriage return,
 * which some spreadsheets strip before looking at the next character (OWASP).
 */
const formulaStart = /^[=+\-@\t\r]/;

/** Prefixes text that a spreadsheet would evaluate with `'`, so it shows as the text it is. */
export function guardFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** A record value as the text of one CSV field: null and absent are empty; strings are formula-guarded. */
export function cellText(value: RecordValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return guardFormula(value);
  return String(value);
}

/** One field quoted as RFC 4180 asks: only when it holds a quote, a comma or a line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (RFC 4180: CRLF-terminated). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The CSV line of a record, its fields in the order of `columns` (the entry's item keys). */
export function csvRecordLine(record: DataRecord, columns: readonly string[]): string {
  return csvLine(columns.map((column) => cellText(record[column])));
}
