import { createHash } from 'node:crypto';
import { recordKey } from '../mapping/duplicate-keys';
import { SyncError } from './errors';
import { isReplaced, type MappedRow, type OutOfShardRow, type RowMapper } from './types';

/**
 * One of `count` parts of a source that workers sync in parallel (1-based `index`): a row belongs to the shard
 * its record key hashes to (see `shardOfKey`).
 */
export interface SyncShard {
  index: number;
  count: number;
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
  return { index, count };
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

/** Whether two shard layouts (undefined: unsharded) are the same. */
export function sameShard(a: SyncShard | undefined, b: SyncShard | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.index === b.index && a.count === b.count;
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
      ? `${zh ? '分片' : 'shard'} ${shard.index}/${shard.count}`
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
