import { createHash } from 'node:crypto';
import { recordKey } from '../mapping/duplicate-keys';
import { SyncError } from './errors';
import { isReplaced, type MappedRow, type OutOfShardRow, type RowMapper } from './types';

/**
 * One of `count` parts of a source that workers sync in parallel (1-based `index`): a row belongs to the shard
 * its record key hashes to (see `shardOfKey`) — or, with `range`, to the shard whose key range the reader read
 * it from.
 */
export interface SyncShard {
  index: number;
  count: number;
  /** The key range this shard's reader reads (see `SyncShardRange`): then no row is filtered by hash. */
  range?: SyncShardRange;
}

/**
 * The key range of one shard of a `planKeysetShards` plan, for a reader that reads only that range (`keysetRows`
 * with the same `from` and `before`): the record keys from `from` (included) to `before` (excluded). Every row
 * the reader gives is the shard's (none is filtered by hash), and snapshot deletes stay among the keys in the
 * range. `key` names the mapping's record key fields, in order: a range over other columns could not tell which
 * record keys — hence which deletes — are the shard's. The bounds are the key values as the records carry them
 * (text or numbers); keys are compared numbers by value and text by UTF-8 bytes, so the table's key columns must
 * order the same way (text in byte order: COLLATE "C" in PostgreSQL, BINARY in SQLite, a _bin collation in MySQL).
 */
export interface SyncShardRange {
  key: readonly string[];
  from?: readonly (string | number)[];
  before?: readonly (string | number)[];
}

/** The most shards a source may be split into. */
export const MAX_SHARDS = 1024;

/** A shard as given, checked: integers with 1 ≤ index ≤ count ≤ 1024, else `sync.invalid_options`. */
export function checkedShard(shard: SyncShard): SyncShard {
  const { index, count } = shard;
  const whole = Number.isInteger(index) && Number.isInteger(count);
  if (!whole || index < 1 || index > count || count > MAX_SHARDS) {
    throw invalidShard(`${index}/${count}`);
  }
  return shard.range ? { index, count, range: checkedRange(shard.range) } : { index, count };
}

/** The shard of `--shard i/n` (e.g. `2/4`); anything else is refused with `sync.invalid_options`. */
export function parseShard(text: string): SyncShard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (!match) throw invalidShard(text);
  return checkedShard({ index: Number(match[1]), count: Number(match[2]) });
}

function invalidShard(given: string): SyncError {
  return new SyncError(
    'sync.invalid_options',
    `shard must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (e.g. 2/4), got "${given}"`,
    `分片须写作 i/n，且 1 ≤ i ≤ n ≤ ${MAX_SHARDS}（如 2/4），实为「${given}」`,
  );
}

/**
 * The 1-based shard of a canonical record key (the state-file key: the key values as a JSON array, see `keyOf`)
 * among `count`: the first 8 bytes of its SHA-256, big-endian, modulo `count`, plus 1. Every machine computes the
 * same, whatever its platform or the order it reads the rows in.
 */
export function shardOfKey(key: string, count: number): number {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count)) + 1;
}

/** Whether `shard` owns the canonical record key `key`. */
export function ownsKey(key: string, shard: SyncShard): boolean {
  return shardOfKey(key, shard.count) === shard.index;
}

/** `shard-<i>-of-<n>`: the part of a shard's file names. */
export function shardLabel(shard: SyncShard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

/** Whether two shard layouts (undefined: unsharded) are the same: the same part, by hash or of the same range. */
export function sameShard(a: SyncShard | undefined, b: SyncShard | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.index === b.index && a.count === b.count && sameRange(a.range, b.range);
}

/** A checkpoint of another shard layout (or of an unsharded run, or the reverse) is refused: `sync.shard_mismatch`. */
export function refuseOtherShard(
  path: string,
  recorded: SyncShard | undefined,
  wanted: SyncShard | undefined,
): void {
  if (sameShard(recorded, wanted)) return;
  const name = (shard: SyncShard | undefined, zh: boolean) =>
    shard
      ? `${zh ? '分片' : 'shard'} ${shard.index}/${shard.count}${rangeText(shard.range, zh)}`
      : zh
        ? '不分片的同步'
        : 'an unsharded sync';
  throw new SyncError(
    'sync.shard_mismatch',
    `Checkpoint ${path} belongs to ${name(recorded, false)}, not ${name(wanted, false)}: each shard keeps its own checkpoint. Run with the --shard it was written for, or name another checkpoint with --checkpoint (the default path names the shard).`,
    `检查点 ${path} 属于${name(recorded, true)}，而非${name(wanted, true)}：每个分片各有检查点。请使用写入时的 --shard 运行，或用 --checkpoint 指定其他检查点（默认路径含分片号）。`,
  );
}

const OUT_OF_SHARD: OutOfShardRow = Object.freeze({ ok: false, outOfShard: true, keyless: false });
const KEYLESS_ELSEWHERE: OutOfShardRow = Object.freeze({ ok: false, outOfShard: true, keyless: true });

/**
 * A row mapper that lets through only the rows of `shard`; the others come out as OutOfShardRow (skipped, not
 * rejected). A row with no readable key (rejected with its key fields in error, or a mapping that threw) has no
 * shard to hash to: shard 1 takes it, so that across the shards each such row is rejected exactly once.
 */
export function shardMapper(map: RowMapper, shard: SyncShard, keyFields: readonly string[]): RowMapper {
  // A range shard's reader read only the shard's rows: every one is kept.
  if (shard.range) return map;
  return (values, row) => {
    let mapped: MappedRow;
    try {
      mapped = map(values, row);
    } catch (error) {
      if (shard.index === 1) throw error;
      return KEYLESS_ELSEWHERE;
    }
    if (isReplaced(mapped)) return mapped;
    const record = mapped.record;
    if (!record || (!mapped.ok && !hasKey(record, keyFields))) {
      return shard.index === 1 ? mapped : KEYLESS_ELSEWHERE;
    }
    return ownsKey(recordKey(record, keyFields), shard) ? mapped : OUT_OF_SHARD;
  };
}

/** Whether a record names every key field (as snapshot mode reads a rejected row's key). */
export function hasKey(record: Record<string, unknown>, keyFields: readonly string[]): boolean {
  return keyFields.every((f) => record[f] !== undefined && record[f] !== null && record[f] !== '');
}

/** A range as given, checked: a key of field names, and bounds of one text or finite number per key field. */
function checkedRange(range: SyncShardRange): SyncShardRange {
  const { key, from, before } = range;
  if (!Array.isArray(key) || key.length === 0 || !key.every((field) => typeof field === 'string')) {
    throw invalidRange('its key must name the record key fields', '其 key 须列出记录主键字段');
  }
  for (const bound of [from, before]) {
    if (bound === undefined) continue;
    if (!Array.isArray(bound) || bound.length !== key.length || !bound.every(isKeyValue)) {
      throw invalidRange(
        `from and before must give ${key.length} values (text or numbers), one per key field`,
        `from 与 before 须各给出 ${key.length} 个值（文本或数字），每个主键字段一个`,
      );
    }
  }
  if (from && before && compareKeys(from, before) >= 0) {
    throw invalidRange('from must come before before', 'from 须在 before 之前');
  }
  return { key: [...key], ...(from ? { from: [...from] } : {}), ...(before ? { before: [...before] } : {}) };
}

function isKeyValue(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function invalidRange(en: string, zh: string): SyncError {
  return new SyncError('sync.invalid_options', `shard range: ${en}`, `分片键范围：${zh}`);
}

function sameRange(a: SyncShardRange | undefined, b: SyncShardRange | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function rangeText(range: SyncShardRange | undefined, zh: boolean): string {
  if (!range) return zh ? '（按哈希）' : ' (by hash)';
  const bound = (values: readonly unknown[] | undefined) => (values ? JSON.stringify(values) : '…');
  return ` [${bound(range.from)}, ${bound(range.before)})`;
}

/**
 * Whether the canonical record key `key` (a JSON array of the key values, see `keyOf`) lies in `range`. Only
 * what can be compared exactly is: numbers with numbers, text with text; a key whose values cannot be placed
 * against the bounds is refused (`sync.invalid_options`) rather than guessed into a shard.
 */
export function inRange(key: string, range: SyncShardRange): boolean {
  const values = JSON.parse(key) as unknown[];
  if (range.from && compareKeys(values, range.from) < 0) return false;
  return !(range.before && compareKeys(values, range.before) >= 0);
}

/** Key order as the database's, for numbers and for text in byte order: element by element, first difference. */
export function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  // UTF-8 byte order: what a binary collation compares (JavaScript's < compares UTF-16 units, which differs
  // above U+FFFF).
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  throw new SyncError(
    'sync.invalid_options',
    `shard range: the record key value ${JSON.stringify(a)} cannot be compared with the bound ${JSON.stringify(b)}: give the bounds as the records carry their key (text with text, numbers with numbers)`,
    `分片键范围：记录主键值 ${JSON.stringify(a)} 无法与边界 ${JSON.stringify(b)} 比较：边界须与记录中的主键值同类（文本对文本，数字对数字）`,
  );
}
