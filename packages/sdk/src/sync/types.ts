import type { FieldFinding } from '../findings/finding';
import type { Schema } from '../generated';
import type { SourceItem, SourceReject, SourceRow } from '../sources/types';

/** Why one row (or one operation) was refused. `{field, rule, value, message, zh}`, as in the rejects file. */
export type RowError = FieldFinding;

export type { SourceItem, SourceReject, SourceRow };

/** The outcome of mapping one row: a record of the target resource, or the reasons it cannot become one. */
export type MappedRow =
  | { ok: true; record: Record<string, unknown> }
  | { ok: false; errors: RowError[]; record?: Record<string, unknown> }
  | ReplacedRow
  | OutOfShardRow;

/** A row a later row of its key replaces (`duplicates: 'last'`): not sent, not rejected, counted as replaced. */
export interface ReplacedRow {
  ok: false;
  replacedBy: number;
  errors?: never;
  record?: never;
}

export function isReplaced(mapped: MappedRow): mapped is ReplacedRow {
  return (mapped as ReplacedRow).replacedBy !== undefined;
}

/**
 * A row of another shard (see `SyncOptions.shard`): neither sent nor rejected, counted as out of shard.
 * `keyless`: the row has no readable key, so no shard of its own; shard 1 takes such rows.
 */
export interface OutOfShardRow {
  ok: false;
  outOfShard: true;
  keyless: boolean;
  errors?: never;
  record?: never;
  replacedBy?: never;
}

export function isOutOfShard(mapped: MappedRow): mapped is OutOfShardRow {
  return (mapped as OutOfShardRow).outOfShard === true;
}

export type RowMapper = (values: Record<string, string>, row: number) => MappedRow;

export type DeleteKey = Schema<'RecordKey'>;

/** The body of `POST /catalog/resources/{code}/records/batch`. */
export type BatchBody = Schema<'BatchRequest'>;

/** What the pipeline hands to the push function: the body, its exact bytes and its Idempotency-Key. */
export interface BatchRequest {
  resource: string;
  index: number;
  idempotencyKey: string;
  /** The body as objects, parsed back from `bodyBytes` when first read (the default pusher never reads it). */
  readonly body: BatchBody;
  /** The body as UTF-8 JSON, to be sent as is (its records in canonical form); valid until the push settles. */
  bodyBytes: Uint8Array;
  /** The hash a receipt that accepts every operation must carry (see acceptedOperationsHash). */
  allAcceptedHash: string;
  operations: number;
}

/** The outcome of one operation of a batch, as the exchange answers it. */
export type OperationResult = Schema<'BatchItemResult'>;

/** The part of the exchange's BatchResult that the pipeline relies on. */
export interface BatchOutcome extends Pick<Schema<'BatchResult'>, 'accepted' | 'rejected' | 'results'> {
  /** The signed receipt, already verified by the push function. */
  receipt: unknown;
  /** Attempts beyond the first that this batch needed. */
  retries: number;
}

export type PushBatch = (request: BatchRequest) => Promise<BatchOutcome>;

/** Where the rows of a run went so far: read = accepted + rejected + unchanged + replaced + outOfShard. */
export interface SyncCounts {
  read: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  /** Rows a later row of the same key replaced (`duplicates: 'last'`): never sent. */
  replaced: number;
  /** Rows of other shards (`shard`): skipped, neither sent nor rejected; 0 in an unsharded run. */
  outOfShard: number;
  deleted: number;
  batches: number;
  retries: number;
}

/** The reconciled result of a run. */
export interface SyncSummary extends SyncCounts {
  durationMs: number;
}

export interface SyncProgress extends SyncCounts {
  phase: 'sync' | 'deletes' | 'done' | 'stopping';
  /** Rows whose batches are acknowledged (the checkpoint's position). */
  committed: number;
  inFlight: number;
  elapsedMs: number;
  rowsPerSecond: number;
  /** The expected number of rows, when the caller knows it (e.g. a line count of the input). */
  total?: number;
  etaMs?: number;
}
