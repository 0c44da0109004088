import { decodeText, openBytes } from './decode';
import type { ByteSource, CsvOptions, SourceItem } from './types';

/** A JSON value as text for mapping: strings as they are, null as empty, objects and arrays as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Reads newline-delimited JSON (one object per line) in batches. A line that is not a JSON object is a reject
 * with its line number; blank lines are skipped. `maxRecordChars` bounds a line.
 */
export async function* readNdjsonBatches(
  source: ByteSource,
  options: Pick<CsvOptions, 'encoding' | 'maxRecordChars'> = {},
): AsyncGenerator<SourceItem[]> {
  const max = options.maxRecordChars ?? 1 << 20;
  let rest = '';
  let line = 0;
  let row = 0;
  let skipping = false;
  const handle = (text: string, out: SourceItem[]) => {
    line++;
    const trimmed = text.trim();
    if (trimmed === '') return;
    row++;
    if (trimmed.length > max) {
      out.push(reject(row, line, trimmed, `line longer than ${max} characters`, `该行超过 ${max} 个字符`));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      out.push(reject(row, line, trimmed, `not valid JSON (${(error as Error).message})`, '不是有效的 JSON'));
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.push(reject(row, line, trimmed, 'a line must be a JSON object', '每行应为一个 JSON 对象'));
      return;
    }
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) values[k] = asText(v);
    out.push({ row, values });
  };
  for await (const text of decodeText(openBytes(source), options.encoding ?? 'auto')) {
    const out: SourceItem[] = [];
    let buf = rest + text;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n', start)) {
      if (skipping) skipping = false;
      else handle(buf.slice(start, nl), out);
      start = nl + 1;
    }
    buf = buf.slice(start);
    if (buf.length > max && !skipping) {
      line++;
      row++;
      out.push(reject(row, line, buf, `line longer than ${max} characters`, `该行超过 ${max} 个字符`));
      skipping = true;
    }
    rest = skipping ? '' : buf;
    if (out.length > 0) yield out;
  }
  const out: SourceItem[] = [];
  if (rest !== '' && !skipping) handle(rest, out);
  if (out.length > 0) yield out;
}

function reject(row: number, line: number, text: string, en: string, zh: string): SourceItem {
  const value = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return {
    row,
    line,
    error: {
      field: '',
      rule: 'ndjson/syntax',
      value,
      message: `line ${line}: ${en}`,
      zh: `第 ${line} 行：${zh}`,
    },
  };
}

export async function* readNdjson(
  source: ByteSource,
  options: Pick<CsvOptions, 'encoding' | 'maxRecordChars'> = {},
): AsyncGenerator<SourceItem> {
  for await (const batch of readNdjsonBatches(source, options)) yield* batch;
}
