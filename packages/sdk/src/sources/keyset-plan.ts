import { SourceError } from './errors';
import { type KeysetOptions, keysetRows } from './keyset';

/**
 * One shard of a plan: the keys from `from` (included) to `before` (excluded). The first range has no `from`,
 * the last no `before`; each range's `before` is the next one's `from`, so together they hold every key once,
 * whatever rows are added or removed later. Read it with `keysetRows({ …, from, before })`.
 */
export interface KeysetShardRange {
  /** 1-based, as `SyncShard.index`. */
  index: number;
  /** The key of the range's first row, as the rows carry it: text or numbers. */
  from?: Array<string | number>;
  before?: Array<string | number>;
}

export interface KeysetPlanOptions<Row>
  extends Pick<KeysetOptions<Row>, 'query' | 'key' | 'keySql' | 'placeholder' | 'rowValues' | 'pageSize'> {
  /** How many ranges: 1 to 1,024, at most the table's row count. */
  count: number;
}

/** The most ranges a plan may have (as the most shards of a sync). */
export const MAX_KEYSET_SHARDS = 1024;

/**
 * Splits a table into `count` key ranges of (nearly) equal row counts, for `count` workers that each read
 * only their range (`keysetRows` with the range's `from` and `before`). The keys are read twice in key order
 * with keyset paging — once to count them, once to pick the boundaries — never with OFFSET; let the query
 * select only the key columns. Every boundary is the key of a real row, given as the rows carry it: select
 * the key columns as text or numbers, so that the plan is plain JSON.
 *
 * A plan is data: the operator computes it ONCE and gives the same plan to every worker (a file, a job
 * parameter). Workers planning for themselves at different times would, while the table changes, get
 * different boundaries — ranges that overlap (rows synced twice, deleted by a shard that does not own them)
 * or leave gaps (rows nobody syncs). A plan stays correct as the table changes (every key falls in exactly
 * one range); it only grows unbalanced, and can then be computed anew — the workers' checkpoints record their
 * range and refuse another one, so a new plan starts with new checkpoints.
 */
export async function planKeysetShards<Row extends object>(
  options: KeysetPlanOptions<Row>,
): Promise<KeysetShardRange[]> {
  const count = checkedCount(options.count);
  let total = 0;
  for await (const _ of keysetRows(options)) total += 1;
  if (total < count) {
    throw new SourceError(
      'keyset/plan-too-few-rows',
      `the table has ${total} rows, fewer than the ${count} ranges asked for`,
      `表中只有 ${total} 行，少于所要求的 ${count} 个范围`,
    );
  }
  const boundaries = await boundaryKeys(options, total, count);
  return Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    ...(i > 0 ? { from: boundaries[i - 1] } : {}),
    ...(i < count - 1 ? { before: boundaries[i] } : {}),
  }));
}

function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_KEYSET_SHARDS) {
    throw new SourceError(
      'keyset/options',
      `count must be an integer from 1 to ${MAX_KEYSET_SHARDS}, got ${count}`,
      `count 应为 1 至 ${MAX_KEYSET_SHARDS} 的整数，实为 ${count}`,
    );
  }
  return count;
}

/** The keys of the rows at positions ⌊i·total/count⌋ (0-based), i = 1…count−1: strictly increasing as total ≥ count. */
async function boundaryKeys<Row extends object>(
  options: KeysetPlanOptions<Row>,
  total: number,
  count: number,
): Promise<Array<Array<string | number>>> {
  const positions = Array.from({ length: count - 1 }, (_, i) => Math.floor(((i + 1) * total) / count));
  const keys: Array<Array<string | number>> = [];
  let position = 0;
  if (positions.length === 0) return keys;
  for await (const row of keysetRows(options)) {
    if (position === positions[keys.length]) {
      keys.push(boundaryOf(row, options.key));
      if (keys.length === positions.length) break;
    }
    position += 1;
  }
  if (keys.length < positions.length) {
    throw new SourceError(
      'keyset/plan-table-shrank',
      'the table lost rows while it was planned: plan again',
      '规划期间表中的行减少了：请重新规划',
    );
  }
  return keys;
}

/** A row's key as plain JSON values: text or finite numbers, which every worker reads back the same. */
function boundaryOf(row: object, key: readonly string[]): Array<string | number> {
  return key.map((column) => {
    const value = (row as Record<string, unknown>)[column];
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
    throw new SourceError(
      'keyset/plan-key-type',
      `key column ${column} holds a ${value instanceof Date ? 'date' : typeof value}: select the key columns as text or numbers, so that the plan is plain JSON`,
      `键列 ${column} 的值类型为 ${value instanceof Date ? '日期' : typeof value}：请以文本或数字选取键列，使规划为普通 JSON`,
    );
  });
}
