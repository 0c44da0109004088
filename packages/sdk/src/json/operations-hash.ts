import { createHash, type Hash } from 'node:crypto';

/**
 * A receipt's `hash`: sha256 hex of the canonical JSON of a batch's accepted operations,
 * `[{"op":"upsert","record":…}…,{"key":…,"op":"delete"}…]`, fed one operation at a time from the canonical JSON
 * of each record (text or UTF-8 bytes) and key, so the array is never built. The exchange hashes what it accepts
 * as it accepts it; sync computes the hash a receipt that accepts every operation must carry.
 */
export class OperationsHash {
  readonly #hash: Hash = createHash('sha256').update('[');
  #empty = true;

  /** An accepted upsert, from the record's canonical JSON. */
  upsert(canonicalRecord: string | Uint8Array): this {
    this.#hash
      .update(this.#empty ? '{"op":"upsert","record":' : ',{"op":"upsert","record":')
      .update(canonicalRecord)
      .update('}');
    this.#empty = false;
    return this;
  }

  /** An accepted delete, from the key's canonical JSON. */
  delete(canonicalKey: string): this {
    this.#hash.update(`${this.#empty ? '' : ','}{"key":${canonicalKey},"op":"delete"}`);
    this.#empty = false;
    return this;
  }

  /** The hex digest; the hash cannot be fed after this. */
  digest(): string {
    return this.#hash.update(']').digest('hex');
  }
}

/** The receipt hash of upserts then deletes, each given as canonical JSON. */
export function acceptedOperationsHash(
  upserts: ReadonlyArray<string | Uint8Array>,
  deletes: readonly string[],
): string {
  const hash = new OperationsHash();
  for (const record of upserts) hash.upsert(record);
  for (const key of deletes) hash.delete(key);
  return hash.digest();
}
