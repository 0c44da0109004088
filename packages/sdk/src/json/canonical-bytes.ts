import { canonicalJson } from './canonical-json';
import { type FlatRecord, type RecordLineEncoder, recordLineEncoder } from './record-line-encoder';

const utf8 = new TextEncoder();

/**
 * Canonical JSON (RFC 8785) of records as UTF-8 bytes, written straight into a buffer: for records of one shape
 * (a mapping's output, a batch's records) the members are written in sorted key order without building a string.
 * Records with null, nested or non-finite values take the general `canonicalJson` walk.
 */
export class CanonicalEncoders {
  #shape: string[] = [];
  #encoder: RecordLineEncoder | undefined;

  /** Writes the record's canonical JSON and a line break at `offset`; the offset after it, or -1 without room. */
  encodeLine(record: Record<string, unknown>, target: Uint8Array, offset: number): number {
    const keys = Object.keys(record);
    for (const key of keys) {
      const value = record[key];
      const kind = typeof value;
      if (kind === 'string' || kind === 'boolean' || value === undefined) continue;
      if (kind === 'number' && Number.isFinite(value)) continue;
      const text = `${canonicalJson(record)}\n`;
      const { read, written } = utf8.encodeInto(text, target.subarray(offset));
      return read === text.length ? offset + written : -1;
    }
    if (!this.#encoder || !sameKeys(keys, this.#shape)) {
      this.#shape = keys;
      this.#encoder = recordLineEncoder([...keys].sort());
    }
    return this.#encoder(record as FlatRecord, target, offset);
  }
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
