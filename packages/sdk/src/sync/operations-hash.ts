import { createHash } from 'node:crypto';

/**
 * sha256 hex of the canonical JSON of `[{op:"upsert",record}…, {op:"delete",key}…]` — a receipt's `hash` —
 * from the canonical JSON of each accepted record (text or UTF-8 bytes) and key.
 */
export function acceptedOperationsHash(
  upserts: ReadonlyArray<string | Uint8Array>,
  deletes: readonly string[],
): string {
  const hash = createHash('sha256');
  let first = true;
  hash.update('[');
  for (const record of upserts) {
    hash
      .update(first ? '{"op":"upsert","record":' : ',{"op":"upsert","record":')
      .update(record)
      .update('}');
    first = false;
  }
  for (const key of deletes) {
    hash.update(`${first ? '' : ','}{"key":${key},"op":"delete"}`);
    first = false;
  }
  hash.update(']');
  return hash.digest('hex');
}
