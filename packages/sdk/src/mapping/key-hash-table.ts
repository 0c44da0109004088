/**
 * A 64-bit hash of a key, written into `out` as two 32-bit halves (no allocation per row). Two keys with the same
 * hash are not taken to be equal: the pre-scan compares them exactly (see `KeyScan`).
 */
export type KeyHash = (key: string, out: Uint32Array) => void;

/**
 * Two 32-bit multiply–xor lanes over the key's UTF-16 code units, mixed into each other at the end (the
 * public-domain cyrb53 by bryc, keeping all 64 bits): well spread over the hash and fast in plain JavaScript.
 */
export const keyHash64: KeyHash = (key, out) => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out[0] = h1;
  out[1] = h2;
};

/** What `RowsByHash.see` returns for a hash seen for the first time, and for its third sighting and later. */
export const FIRST_SIGHTING = 0;
export const SEEN_BEFORE = -1;

/** Row numbers are 1-based (0 marks an empty slot) and stored in 31 bits; the top bit marks "seen again". */
const SEEN_AGAIN = 0x80000000;
const MAX_ROW = 0x7fffffff;
/** The hash's top bits pick one of the partitions, so that growing one copies a 64th of the table at a time. */
const PARTITION_BITS = 6;
const INITIAL_SLOTS = 64;
/** Open addressing with linear probing, grown by a quarter when 85% full: 12 bytes a slot, 14–18 bytes a key. */
const MAX_LOAD = 0.85;
const GROWTH = 1.25;
/** A slot is three 32-bit words: the hash's halves and the row. */
const WORDS = 3;

/**
 * The first row of each 64-bit hash, in typed arrays (about 16 bytes a distinct key instead of the key's text),
 * and whether the hash was seen again.
 */
export class RowsByHash {
  private readonly partitions: Uint32Array[] = [];
  private readonly used: number[] = [];

  constructor() {
    for (let p = 0; p < 1 << PARTITION_BITS; p++) {
      this.partitions.push(new Uint32Array(INITIAL_SLOTS * WORDS));
      this.used.push(0);
    }
  }

  /**
   * A sighting of hash (hi, lo) in `row`: `FIRST_SIGHTING` (the row is recorded), the first row when the hash is
   * seen for the second time, `SEEN_BEFORE` from the third time on.
   */
  see(hi: number, lo: number, row: number): number {
    if (row < 1 || row > MAX_ROW)
      throw new RangeError(`row ${row} is out of the pre-scan's range 1–${MAX_ROW}`);
    const p = hi >>> (32 - PARTITION_BITS);
    let slots = this.partitions[p]!;
    if ((this.used[p]! + 1) * WORDS > slots.length * MAX_LOAD) slots = this.grow(p);
    const found = findSlot(slots, hi >>> 0, lo >>> 0);
    const stored = slots[found + 2]!;
    if (stored === 0) {
      slots[found] = hi;
      slots[found + 1] = lo;
      slots[found + 2] = row;
      this.used[p]!++;
      return FIRST_SIGHTING;
    }
    if (stored & SEEN_AGAIN) return SEEN_BEFORE;
    slots[found + 2] = stored | SEEN_AGAIN;
    return stored;
  }

  /** Bytes held by the table (for the bench and the docs' figure). */
  get bytes(): number {
    return this.partitions.reduce((sum, slots) => sum + slots.byteLength, 0);
  }

  private grow(p: number): Uint32Array {
    const old = this.partitions[p]!;
    const slots = new Uint32Array(Math.ceil((old.length / WORDS) * GROWTH) * WORDS);
    for (let i = 0; i < old.length; i += WORDS) {
      if (old[i + 2] === 0) continue;
      const to = findSlot(slots, old[i]!, old[i + 1]!);
      slots[to] = old[i]!;
      slots[to + 1] = old[i + 1]!;
      slots[to + 2] = old[i + 2]!;
    }
    this.partitions[p] = slots;
    return slots;
  }
}

/** The slot (index of its first word) holding hash (hi, lo), or the empty slot where it would go. */
function findSlot(slots: Uint32Array, hi: number, lo: number): number {
  const end = slots.length;
  let i = (lo % (end / WORDS)) * WORDS;
  while (slots[i + 2] !== 0 && (slots[i] !== hi || slots[i + 1] !== lo)) {
    i += WORDS;
    if (i === end) i = 0;
  }
  return i;
}
