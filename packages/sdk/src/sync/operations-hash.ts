import { createHash } from 'node:crypto';

/**
 * sha256 hex of the canonical JSON of `[{op:"upsert",record}…, {op:"delete",key}…]` — a receipt's `hash` —
 * from the canonical JSON of each accepted record and key.
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
