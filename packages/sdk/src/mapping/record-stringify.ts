import type { RecordValue, TargetRecord } from './types';

// Strings without quotes, backslashes, control characters or surrogates serialize as themselves in quotes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonValue(value: RecordValue): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return value ? 'true' : 'false';
}

/**
 * `JSON.stringify(record)` for a mapping's records. Records are built with their keys in field order, so V8's
 * own `JSON.stringify` (its fast path for plain objects writes one flat string, cheap to encode) gives the
 * output. Keys that are array indices or `__proto__` would change the order or the prototype: those mappings
 * write field by field instead.
 */
export function recordStringify(fields: readonly string[]): (record: TargetRecord) => string {
  const plain = fields.every((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== '__proto__');
  return plain ? (record) => JSON.stringify(record) : fieldByFieldStringify(fields);
}

function fieldByFieldStringify(fields: readonly string[]): (record: TargetRecord) => string {
  const keys = [...fields];
  const quoted = keys.map((k) => `${JSON.stringify(k)}:`);
  return (record) => {
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const value = record[keys[i]!];
      if (value === undefined) continue;
      out += (out === '' ? '{' : ',') + quoted[i] + jsonValue(value);
    }
    return out === '' ? '{}' : `${out}}`;
  };
}
