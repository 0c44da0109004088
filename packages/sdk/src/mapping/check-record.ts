import { calendarDayOf } from '../identifiers/calendar-date';
import { type CodesetRegistry, standardCodesets } from './codesets';
import { compileItemCheck, type ItemCheck } from './item-checks';
import type { RecordValue, RowIssue, TargetEntry, TargetRecord } from './types';

export interface CheckRecordOptions {
  codesets?: CodesetRegistry;
  /** "Today" for birth dates in the future: a calendar day `YYYY-MM-DD`, or an instant read in `timeZone`. */
  today?: Date | string;
  /** The IANA time zone an instant `today` (default: now) is read in (default: Asia/Shanghai). */
  timeZone?: string;
  /** Accept keys that are not items of the entry (default: they are errors). */
  allowUnknownKeys?: boolean;
}

export interface RecordCheck {
  valid: boolean;
  /** The record with values converted to their item types (numbers for N, booleans for L), when valid. */
  record?: TargetRecord;
  errors: RowIssue[];
  warnings: RowIssue[];
}

interface CompiledEntry {
  items: Map<string, ItemCheck>;
  names: Map<string, string>;
  required: string[];
}

const cache = new WeakMap<TargetEntry, WeakMap<CodesetRegistry, CompiledEntry>>();

function compileEntry(entry: TargetEntry, codesets: CodesetRegistry, today?: string): CompiledEntry {
  const items = new Map<string, ItemCheck>();
  const names = new Map<string, string>();
  for (const item of entry.items ?? []) {
    items.set(item.key, compileItemCheck(item, codesets, today));
    names.set(item.key, item.name ?? item.key);
  }
  return { items, names, required: (entry.items ?? []).filter((i) => i.required === true).map((i) => i.key) };
}

/**
 * Server-side 多元校核 of one record against its catalogue entry: unknown keys, required items, each item's
 * data type and length, code-set membership (GB/T 2260: a code missing from the current list only warns) and the
 * item's own `check` validators. The compiled checks are cached per entry object.
 */
export function checkRecord(
  entry: TargetEntry,
  record: Record<string, unknown>,
  options: CheckRecordOptions = {},
): RecordCheck {
  const codesets = options.codesets ?? standardCodesets;
  let perRegistry = cache.get(entry);
  if (!perRegistry) {
    perRegistry = new WeakMap();
    cache.set(entry, perRegistry);
  }
  // Only the checks of the default "today" are cached; a given day or time zone compiles for this call.
  const dayGiven = options.today !== undefined || options.timeZone !== undefined;
  let compiled = dayGiven ? undefined : perRegistry.get(codesets);
  if (!compiled) {
    const today = dayGiven ? calendarDayOf(options.today, options.timeZone) : undefined;
    compiled = compileEntry(entry, codesets, today);
    if (!dayGiven) perRegistry.set(codesets, compiled);
  }
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const sink = { error: (i: RowIssue) => errors.push(i), warning: (i: RowIssue) => warnings.push(i) };
  const out: TargetRecord = {};
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    errors.push({
      field: '',
      rule: 'type',
      value: String(record),
      message: 'a record is a JSON object',
      zh: '记录应为 JSON 对象',
    });
    return { valid: false, errors, warnings };
  }
  for (const [key, raw] of Object.entries(record)) {
    const check = compiled.items.get(key);
    if (!check) {
      if (!options.allowUnknownKeys) {
        errors.push({
          field: key,
          rule: 'unknown-item',
          value: shortText(raw),
          message: `"${key}" is not an item of ${entry.code}`,
          zh: `「${key}」不是资源 ${entry.code} 的信息项`,
        });
      }
      continue;
    }
    if (raw === null || raw === undefined || raw === '') continue;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      errors.push({
        field: key,
        rule: 'type',
        value: shortText(raw),
        message: 'a value is a string, number or boolean',
        zh: '值应为字符串、数值或逻辑值',
      });
      continue;
    }
    const value = check(raw as RecordValue, sink);
    if (value !== undefined) out[key] = value;
  }
  for (const key of compiled.required) {
    const v = record[key];
    if (v === undefined || v === null || v === '') {
      errors.push({
        field: key,
        rule: 'required',
        value: '',
        message: `required item "${key}" is missing`,
        zh: `缺少必填信息项「${compiled.names.get(key) ?? key}」`,
      });
    }
  }
  return errors.length === 0
    ? { valid: true, record: out, errors, warnings }
    : { valid: false, errors, warnings };
}

function shortText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
