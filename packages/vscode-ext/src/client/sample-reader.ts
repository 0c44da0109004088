import type { SourceEncoding, SourceRow } from '@unsilo/sdk/mapping';

export interface SampleOptions {
  format: 'csv' | 'ndjson' | 'xlsx';
  encoding?: SourceEncoding;
  delimiter?: string;
  /** Rows read at most: the preview is a sample, not a run. */
  maxRows?: number;
}

export interface SampleRows {
  rows: SourceRow[];
  /** Rows that could not be read (malformed JSON…), with why; they are shown, never dropped silently. */
  problems: Array<{ row: number; message: string }>;
  encoding: string;
  truncated: boolean;
}

/** UTF-8 unless it does not decode as such, then GB18030 (a superset of GBK), as legacy exports are. */
export function decode(
  bytes: Uint8Array,
  encoding: SourceEncoding = 'auto',
): { text: string; encoding: string } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (encoding === 'gbk' || encoding === 'gb18030') {
    return { text: new TextDecoder('gb18030').decode(body), encoding };
  }
  if (encoding === 'utf-8') return { text: new TextDecoder('utf-8').decode(body), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  }
}

/** RFC 4180 CSV: quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function readSample(bytes: Uint8Array, options: SampleOptions): SampleRows {
  const max = options.maxRows ?? 1000;
  const problems: SampleRows['problems'] = [];
  if (options.format === 'xlsx') {
    return {
      rows: [],
      problems: [
        {
          row: 0,
          message: 'XLSX samples are previewed with `unsilo map preview`; choose a CSV or NDJSON sample here',
        },
      ],
      encoding: 'binary',
      truncated: false,
    };
  }
  const { text, encoding } = decode(bytes, options.encoding);
  const rows: SourceRow[] = [];
  let truncated = false;
  if (options.format === 'ndjson') {
    const lines = text.split(/\r?\n/);
    let row = 0;
    for (const line of lines) {
      if (!line.trim()) continue;
      row++;
      if (rows.length >= max) {
        truncated = true;
        break;
      }
      try {
        const value = JSON.parse(line) as unknown;
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(value))
          values[k] = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
        rows.push({ row, values });
      } catch (e) {
        problems.push({ row, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return { rows, problems, encoding, truncated };
  }
  const records = parseCsv(text, options.delimiter ?? ',');
  const header = (records[0] ?? []).map((h) => h.trim());
  for (let i = 1; i < records.length; i++) {
    if (rows.length >= max) {
      truncated = true;
      break;
    }
    const record = records[i] ?? [];
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = record[j] ?? '';
    });
    if (record.length !== header.length) {
      problems.push({ row: i, message: `expected ${header.length} columns, found ${record.length}` });
    }
    rows.push({ row: i, values });
  }
  return { rows, problems, encoding, truncated };
}
