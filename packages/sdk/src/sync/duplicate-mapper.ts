import { type DuplicateGuard, recordKey } from '../mapping/duplicate-keys';
import { isOutOfShard, type RowMapper } from './types';

/**
 * A row mapper under a duplicate guard: rows of a duplicated key come out rejected with rule `duplicate` (their
 * record kept, so snapshot mode knows the key did not vanish) or, under `last`, replaced. A row rejected
 * without its key (`record` absent) takes no part in a streaming guard, nor does a row of another shard.
 */
export function guardedMapper(
  map: RowMapper,
  guard: DuplicateGuard,
  keyFields: readonly string[],
): RowMapper {
  return (values, row) => {
    const mapped = map(values, row);
    // A row of another shard is not this worker's to judge: its key's other rows are all in that shard too.
    if (isOutOfShard(mapped)) return mapped;
    const verdict = guard.verdict(row, () =>
      keyFields.length > 0 && mapped.record ? recordKey(mapped.record, keyFields) : undefined,
    );
    if (verdict === undefined) return mapped;
    if ('replacedBy' in verdict) return { ok: false, replacedBy: verdict.replacedBy };
    const errors = mapped.ok ? [verdict.rejected] : [verdict.rejected, ...(mapped.errors ?? [])];
    return mapped.record ? { ok: false, errors, record: mapped.record } : { ok: false, errors };
  };
}
