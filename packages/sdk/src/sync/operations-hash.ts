import { createHash } from 'node:crypto';
import { canonicalJson } from '../client/receipts/canonical-json';

/**
 * Canonical JSON (RFC 8785) of records that share a shape, as a mapping's output does: the sorted key list is
 * worked out once per shape, and a flat record is then serialised natively in that order. Anything else (nested
 * values, non-finite numbers) takes the general walk.
 */
export function createRecordSerializer(): (record: Record<string, unknown>) => string {
  let shape: string[] = [];
  let order: string[] = [];
  return (record) => {
    const keys = Object.keys(record);
    if (!sameKeys(keys, shape)) {
      shape = keys;
      order = [...keys].sort();
    }
    for (const key of keys) {
      const value = record[key];
      const kind = typeof value;
      if (kind === 'string' || kind === 'boolean' || value === null || value === undefined) continue;
      if (kind === 'number' && Number.isFinite(value)) continue;
      return canonicalJson(record);
    }
    // With a key list, JSON.stringify writes exactly those keys in that order and skips undefined members.
    return JSON.stringify(record, order);
  };
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A batch body as sent, and the receipt hash that covers it when the exchange accepts every operation. */
export interface EncodedBatch {
  /** UTF-8 JSON of `{"upsert":[…],"delete":[…]}`; off the JS heap, so a large batch does not grow it. */
  bytes: Buffer;
  allAcceptedHash: string;
}

/**
 * The body of a batch from the canonical JSON of its records (see `createRecordSerializer`) and its delete keys:
 * each record is serialised once, for the wire and for the receipt hash alike.
 */
export function encodeBatch(
  upserts: readonly string[],
  deleteKeys: ReadonlyArray<Record<string, unknown>>,
): EncodedBatch {
  const deletes = deleteKeys.map((key) => canonicalJson(key));
  const pieces: string[] = ['{'];
  if (upserts.length > 0) pieces.push('"upsert":[');
  upserts.forEach((record, i) => {
    pieces.push(i === 0 ? record : `,${record}`);
  });
  if (upserts.length > 0) pieces.push(']');
  if (deletes.length > 0) pieces.push(upserts.length > 0 ? ',"delete":[' : '"delete":[');
  deletes.forEach((key, i) => {
    pieces.push(i === 0 ? key : `,${key}`);
  });
  if (deletes.length > 0) pieces.push(']');
  pieces.push('}');
  let length = 0;
  for (const piece of pieces) length += Buffer.byteLength(piece);
  const bytes = Buffer.allocUnsafeSlow(length);
  let offset = 0;
  for (const piece of pieces) offset += bytes.write(piece, offset);
  return { bytes, allAcceptedHash: acceptedOperationsHash(upserts, deletes) };
}

/**
 * sha256 hex of the canonical JSON of `[{op:"upsert",record}…, {op:"delete",key}…]` — a receipt's `hash` —
 * from the canonical JSON of each accepted record and key (see `encodeBatch`).
 */
export function acceptedOperationsHash(upserts: readonly string[], deletes: readonly string[]): string {
  const hash = createHash('sha256');
  let first = true;
  hash.update('[');
  for (const record of upserts) {
    hash.update(`${first ? '' : ','}{"op":"upsert","record":${record}}`);
    first = false;
  }
  for (const key of deletes) {
    hash.update(`${first ? '' : ','}{"key":${key},"op":"delete"}`);
    first = false;
  }
  hash.update(']');
  return hash.digest('hex');
}
