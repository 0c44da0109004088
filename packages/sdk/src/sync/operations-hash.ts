import { createHash } from 'node:crypto';
import { canonicalJson } from '../client/receipts/canonical-json';

/**
 * A record with its keys in UTF-16 order and no undefined members: its JSON.stringify is already its RFC 8785
 * canonical form (strings and finite numbers serialise alike in both), so the receipt hash can be checked
 * with the native serialiser instead of a walk in script.
 */
export function canonicalRecord(record: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(record).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function isCanonicalFlat(record: Record<string, unknown>): boolean {
  let previous: string | undefined;
  for (const key in record) {
    if (previous !== undefined && !(previous < key)) return false;
    const value = record[key];
    const kind = typeof value;
    if (kind === 'number') {
      if (!Number.isFinite(value)) return false;
    } else if (kind !== 'string' && kind !== 'boolean' && value !== null) {
      return false;
    }
    previous = key;
  }
  return true;
}

function canonicalMember(value: Record<string, unknown>): string {
  return isCanonicalFlat(value) ? JSON.stringify(value) : canonicalJson(value);
}

/** sha256 hex of the canonical JSON of `[{op:"upsert",record}…, {op:"delete",key}…]` — a receipt's `hash`. */
export function acceptedOperationsHash(
  upserts: ReadonlyArray<Record<string, unknown>>,
  deletes: ReadonlyArray<Record<string, unknown>>,
): string {
  const hash = createHash('sha256');
  let first = true;
  hash.update('[');
  for (const record of upserts) {
    hash.update(`${first ? '' : ','}{"op":"upsert","record":${canonicalMember(record)}}`);
    first = false;
  }
  for (const key of deletes) {
    hash.update(`${first ? '' : ','}{"key":${canonicalMember(key)},"op":"delete"}`);
    first = false;
  }
  hash.update(']');
  return hash.digest('hex');
}
