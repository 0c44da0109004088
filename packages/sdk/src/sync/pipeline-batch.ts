import { isReject } from '../sources/types';
import type { BatchBodyWriter, BodyBuffers } from './batch-body';
import type { ChangeFilter, PendingUpsert } from './change-filter';
import type {
  BatchOutcome,
  DeleteKey,
  RowError,
  RowMapper,
  SourceItem,
  SourceRow,
  SyncCounts,
} from './types';
import { isOutOfShard, isReplaced } from './types';

/** A row (or a delete) refused before sending or by the exchange, as the rejects file records it. */
export interface RejectEntry {
  row: number | null;
  errors: RowError[];
  source?: unknown;
  op?: 'upsert' | 'delete';
  key?: DeleteKey;
  stage: 'client' | 'server';
}

/** One batch, from the source rows it covers to the exchange's answer. */
export interface PipelineBatch {
  index: number;
  /** The source items it covers: [start, end). */
  start: number;
  end: number;
  upserts: PendingUpsert[];
  /** The body being written, record by record, until the batch is sent. */
  writer?: BatchBodyWriter;
  deletes: Array<{ key: string; op: DeleteKey }>;
  rejects: RejectEntry[];
  unchanged: number;
  /** Rows a later row of their key replaces (`duplicates: 'last'`). */
  replaced: number;
  /** Rows of other shards: skipped. */
  outOfShard: number;
  read: number;
  outcome?: BatchOutcome;
  idempotencyKey?: string;
}

/** An empty batch whose rows start at source item `start`. */
export function newBatch(index: number, start: number): PipelineBatch {
  return {
    index,
    start,
    end: start,
    upserts: [],
    deletes: [],
    rejects: [],
    unchanged: 0,
    replaced: 0,
    outOfShard: 0,
    read: 0,
  };
}

/**
 * Maps one source item into the batch: a reject, an upsert to send, an unchanged row or one of another shard.
 * `keylessElsewhere`: rows without a readable key belong to another shard (a sharded run's shards 2…n).
 */
export function route(
  item: SourceItem,
  batch: PipelineBatch,
  map: RowMapper,
  filter: ChangeFilter,
  bodies: BodyBuffers,
  keylessElsewhere = false,
): void {
  if (isReject(item) && keylessElsewhere) {
    skipOutOfShard(batch, filter, true);
    return;
  }
  if (isReject(item)) {
    batch.rejects.push({ row: item.row, errors: [item.error], source: { line: item.line }, stage: 'client' });
    filter.rejected(undefined);
    return;
  }
  let mapped: ReturnType<RowMapper>;
  let canonical: Uint8Array | undefined;
  try {
    mapped = map(item.values, item.row);
    // Canonical JSON, written once into the body: the wire, the receipt hash and the snapshot hash all use it.
    if (mapped.ok) {
      batch.writer ??= bodies.writer();
      canonical = batch.writer.append(mapped.record);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    mapped = {
      ok: false,
      errors: [{ field: '', rule: 'mapping/internal', message: reason, zh: `映射该行时出错：${reason}` }],
    };
  }
  if (isOutOfShard(mapped)) {
    skipOutOfShard(batch, filter, mapped.keyless);
    return;
  }
  if (isReplaced(mapped)) {
    // The key's last row stands for it (in snapshot mode too): this one is neither sent nor rejected.
    batch.replaced += 1;
    return;
  }
  if (!mapped.ok) {
    batch.rejects.push({ row: item.row, errors: mapped.errors, source: item.values, stage: 'client' });
    filter.rejected(mapped.record);
    return;
  }
  const upsert = filter.consider(mapped.record, item as SourceRow, canonical!);
  if (upsert) batch.upserts.push(upsert);
  else {
    batch.writer!.dropLast();
    batch.unchanged += 1;
  }
}

/**
 * A row of another shard: counted, not sent. One without a readable key still counts as keyless for snapshot
 * mode's delete guard here too: it may be the row of one of this shard's vanished keys.
 */
function skipOutOfShard(batch: PipelineBatch, filter: ChangeFilter, keyless: boolean): void {
  batch.outOfShard += 1;
  if (keyless) filter.rejected(undefined);
}

/** Folds the exchange's per-operation answer into the counts and the batch's reject list. */
export function applyOutcome(batch: PipelineBatch, counts: SyncCounts, filter: ChangeFilter): void {
  counts.read += batch.read;
  counts.unchanged += batch.unchanged;
  counts.replaced += batch.replaced;
  counts.outOfShard += batch.outOfShard;
  counts.rejected += batch.rejects.length;
  const outcome = batch.outcome;
  if (!outcome) return;
  counts.batches += 1;
  counts.retries += outcome.retries;
  // `index` is the position in the `upsert` or `delete` array that `op` names.
  const refused = new Map<string, RowError[]>();
  for (const result of outcome.results) {
    if (result.status === 'rejected') refused.set(`${result.op}:${result.index}`, result.errors ?? []);
  }
  batch.upserts.forEach((upsert, i) => {
    const errors = refused.get(`upsert:${i}`);
    if (errors) {
      counts.rejected += 1;
      batch.rejects.push({ row: upsert.row, errors, source: upsert.source, op: 'upsert', stage: 'server' });
    } else {
      counts.accepted += 1;
      filter.accepted(upsert);
    }
  });
  batch.deletes.forEach((entry, i) => {
    const errors = refused.get(`delete:${i}`);
    if (errors) {
      batch.rejects.push({ row: null, errors, op: 'delete', key: entry.op, stage: 'server' });
    } else {
      counts.deleted += 1;
      filter.deleteAccepted(entry.key);
    }
  });
  batch.rejects.sort((a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER));
}
