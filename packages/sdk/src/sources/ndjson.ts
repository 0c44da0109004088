import { jsonNestsDeeperThan, MAX_NESTING_DEPTH } from '../catalog/depth';
import { decodeText, openBytes } from './decode';
import { excerpt, rejectAt } from './reject';
import { type ByteSource, type CsvOptions, DEFAULT_MAX_RECORD_CHARS, type SourceItem } from './types';

/** A JSON value as text for mapping: strings as they are, null as empty, objects and arrays as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Reads newline-delimited JSON (one object per line) in batches. A line that is not a JSON object is a reject
 * with its line number; blank lines are skipped. `maxRecordChars` bounds a line (`ndjson/line-too-large`: a
 * longer one is skipped as it arrives, never buffered whole), and a line nesting deeper than
 * MAX_NESTING_DEPTH is refused before it is parsed (`ndjson/too-deep`).
 */
export async function* readNdjsonBatches(
  source: ByteSource,
  options: Pick<CsvOptions, 'encoding' | 'maxRecordChars'> = {},
): AsyncGenerator<SourceItem[]> {
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let rest = '';
  let line = 0;
  let row = 0;
  let skipping = false;
  const handle = (text: string, out: SourceItem[]) => {
    line++;
    const trimmed = text.trim();
    if (trimmed !== '') out.push(lineItem(trimmed, ++row, line, max));
  };
  for await (const text of decodeText(openBytes(source), options.encoding ?? 'auto')) {
    const out: SourceItem[] = [];
    let buf = rest + text;
    let start = 0;
    // The text kept from before holds no line break: look in the new text only.
    for (let nl = buf.indexOf('\n', rest.length); nl !== -1; nl = buf.indexOf('\n', start)) {
      if (skipping) skipping = false;
      else handle(buf.slice(start, nl), out);
      start = nl + 1;
    }
    buf = buf.slice(start);
    if (buf.length > max && !skipping) {
      line++;
      row++;
      out.push(tooLong(row, line, buf, max));
      skipping = true;
    }
    rest = skipping ? '' : buf;
    if (out.length > 0) yield out;
  }
  const out: SourceItem[] = [];
  if (rest !== '' && !skipping) handle(rest, out);
  if (out.length > 0) yield out;
}

/** One non-blank line: its row, or its reject when it is too long, too deep, not JSON or not an object. */
function lineItem(trimmed: string, row: number, line: number, max: number): SourceItem {
  if (trimmed.length > max) return tooLong(row, line, trimmed, max);
  if (jsonNestsDeeperThan(trimmed)) {
    return reject(
      row,
      line,
      'ndjson/too-deep',
      trimmed,
      `JSON nested deeper than ${MAX_NESTING_DEPTH} levels; skipped`,
      `JSON 嵌套层级超过 ${MAX_NESTING_DEPTH} 层，已跳过`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    const reason = (error as Error).message;
    return reject(row, line, 'ndjson/syntax', trimmed, `not valid JSON (${reason})`, '不是有效的 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(
      row,
      line,
      'ndjson/syntax',
      trimmed,
      'a line must be a JSON object',
      '每行应为一个 JSON 对象',
    );
  }
  // A member named `__proto__` is a column like any other, and a column the line lacks reads as undefined.
  const values: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(value)) values[k] = asText(v);
  return { row, values };
}

function tooLong(row: number, line: number, text: string, max: number): SourceItem {
  return reject(
    row,
    line,
    'ndjson/line-too-large',
    text,
    `line longer than ${max} characters (the limit); skipped`,
    `该行超过 ${max} 个字符的上限，已跳过`,
  );
}

function reject(row: number, line: number, rule: string, text: string, en: string, zh: string): SourceItem {
  return rejectAt(row, line, rule, excerpt(text), en, zh);
}

export async function* readNdjson(
  source: ByteSource,
  options: Pick<CsvOptions, 'encoding' | 'maxRecordChars'> = {},
): AsyncGenerator<SourceItem> {
  for await (const batch of readNdjsonBatches(source, options)) yield* batch;
}
