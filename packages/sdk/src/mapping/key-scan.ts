import { DuplicatePlan } from './duplicate-keys';
import { FIRST_SIGHTING, type KeyHash, keyHash64, RowsByHash } from './key-hash-table';

/**
 * Collects the keys of a pre-scan, in two passes. The first (`add`) keeps a 64-bit hash of each key and its first
 * row (about 16 bytes a distinct key); the exact keys are kept only for rows whose hash was seen before. The
 * first rows of those hashes are read once more (`rereadRows`, `reread`), so that two keys sharing a hash are
 * told apart and a plan's groups hold exactly the rows of one key. Keys are compared as strings, so a key such
 * as `["__proto__"]` is a key like any other.
 */
export class KeyScan {
  private readonly firstRows = new RowsByHash();
  private readonly hash = new Uint32Array(2);
  /** The rows of each key whose hash was seen before, from its second sighting on. */
  private readonly later = new Map<string, number[]>();
  /** First rows of the hashes seen again: their keys are needed once more. */
  private readonly toReread: number[] = [];
  /** The keys of those rows, as read again. */
  private readonly firstRowOfKey = new Map<string, number>();
  private rereadCount = 0;

  constructor(private readonly hashOf: KeyHash = keyHash64) {}

  /** First pass: a row and its key; rows whose key cannot be computed (undefined) take no part. */
  add(row: number, key: string | undefined): void {
    if (key === undefined) return;
    this.hashOf(key, this.hash);
    const first = this.firstRows.see(this.hash[0]!, this.hash[1]!, row);
    if (first === FIRST_SIGHTING) return;
    if (first > 0) this.toReread.push(first);
    const rows = this.later.get(key);
    if (rows) rows.push(row);
    else this.later.set(key, [row]);
  }

  /** The rows whose key the second pass gives again (ascending); none when no hash was seen twice. */
  rereadRows(): number[] {
    return [...this.toReread].sort((a, b) => a - b);
  }

  /** Second pass: the key of a row `rereadRows` named. */
  reread(row: number, key: string | undefined): void {
    this.rereadCount++;
    if (key !== undefined) this.firstRowOfKey.set(key, row);
  }

  /** The plan: the duplicated keys' groups by row number. */
  plan(): DuplicatePlan {
    const missing = this.toReread.length - this.rereadCount;
    if (missing > 0)
      throw new Error(`the keys of ${missing} rows could not be read again: did the input change?`);
    const groups: { key: string; rows: number[] }[] = [];
    for (const [key, rows] of this.later) {
      const first = this.firstRowOfKey.get(key);
      // A hash seen again for another key (a collision) leaves its first row out of that key's rows.
      const all = first === undefined ? rows : [first, ...rows];
      if (all.length > 1) groups.push({ key, rows: all });
    }
    // In the order of the groups' second rows (as they came when no hashes collide).
    return new DuplicatePlan(groups.sort((a, b) => a.rows[1]! - b.rows[1]!));
  }
}

/** Keys of rows held in memory (a preview's sample): both passes over them, and the plan. */
export function planOf(rows: ReadonlyArray<{ row: number; key: string | undefined }>): DuplicatePlan {
  const scan = new KeyScan();
  for (const { row, key } of rows) scan.add(row, key);
  const wanted = new Set(scan.rereadRows());
  if (wanted.size > 0) for (const { row, key } of rows) if (wanted.has(row)) scan.reread(row, key);
  return scan.plan();
}
