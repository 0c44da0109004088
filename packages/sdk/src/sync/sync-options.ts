import type { DuplicateGuard, DuplicatePolicy, DuplicateScan } from '../mapping/duplicate-keys';
import type { InputIdentity, SyncMode } from './checkpoint';
import type { HeldDeletesReason } from './delete-guard';
import { SyncError } from './errors';
import type { ResumeMode } from './resume';
import type { ReportRun, RunReported } from './run-report';
import { checkedShard, type SyncShard, type SyncShardRange } from './shard';
import type { PushBatch, RowMapper, SourceItem, SyncProgress, SyncSummary } from './types';

/** What sync needs of a mapping: the target resource, its key and the compiled row function. */
export interface SyncMapping {
  resource: string;
  key: readonly string[];
  map: RowMapper;
  /** A digest of the mapping's definition; a resume with another mapping is refused. */
  digest?: string;
}

export interface SyncOptions {
  mapping: SyncMapping;
  /** Rows as the readers give them (`{ row, values }` and malformed-line rejects)… */
  rows?: AsyncIterable<SourceItem>;
  /** …or plain records from code (a SQL cursor, an API): numbered 1, 2, 3… */
  source?: AsyncIterable<Record<string, unknown>>;
  /** Sends one batch (see `createBatchPusher`): retries, verifies the receipt, returns the outcome. */
  push: PushBatch;
  mode?: SyncMode;
  /** Incremental mode: the column (target item key or source column) holding an update time or sequence. */
  watermark?: string;
  /** The checkpoint file. Without one, a run cannot be resumed and no receipts are kept. */
  checkpoint?: string;
  /** Continue the interrupted run of the checkpoint; see ResumeMode (`true` refuses when there is none). */
  resume?: ResumeMode;
  /** Where rejected rows go (NDJSON). Default: beside the checkpoint. */
  rejects?: string;
  /** Snapshot mode: the state file. Default: beside the checkpoint. */
  state?: string;
  batchSize?: number;
  concurrency?: number;
  /**
   * Snapshot mode: delete the keys that vanished from the source even while rows without a readable key are
   * rejected (by default those deletes are held and listed, see `SyncResult.heldDeletes`: one of the rejected rows
   * may be a vanished key's row). For a run after the held list was reviewed.
   */
  allowDeletesWithRejects?: boolean;
  /**
   * Snapshot mode: delete every key of the last run although the input has no data rows. By default those deletes
   * are held and listed (reason `empty-input`): an empty or header-only file is most often a failed export job.
   * For a department that really has no records left.
   */
  allowEmptySnapshot?: boolean;
  /**
   * Snapshot mode: send the deletes even when more than half of the last run's keys vanished (and more than 100).
   * By default they are held and listed (reason `mass-delete`): a truncated export looks the same.
   */
  allowMassDelete?: boolean;
  /**
   * Sync only the rows whose record key hashes to this shard (`{ index: 2, count: 4 }`: the second of four), so
   * that `count` workers sync one resource in parallel; rows of other shards are skipped and counted as
   * `outOfShard`. With a `range` (a shard of `planKeysetShards`, the reader reading only that range), every row
   * given is the shard's and nothing is filtered by hash. Each shard needs its own checkpoint (it records the
   * shard and its range; another is refused) and, in snapshot mode, deletes only among its own keys. Needs the
   * mapping to declare a key.
   */
  shard?: SyncShard;
  /** Abort to stop cleanly: batches in flight finish, the checkpoint stays valid. */
  stop?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** The expected row count, for an ETA. */
  total?: number;
  /** The input file, when there is one: a resume refuses a file that changed since the interrupted run. */
  input?: InputIdentity;
  /** How often the checkpoint is rewritten while running (ms; default 250). It is always written at the end. */
  checkpointIntervalMs?: number;
  /**
   * Reports the run to the exchange at its end, completed or stopped (see `createRunReporter`): rows read,
   * accepted and refused locally by reason, so that the exchange's quality figures count the rows it never saw.
   */
  report?: ReportRun;
  /**
   * Rows sharing a key: every one rejected with rule `duplicate` (default), or `last`: the last sent and the
   * earlier ones counted as replaced. `last` needs `duplicateGuard` (a pre-scan of the input).
   */
  duplicates?: DuplicatePolicy;
  /**
   * The guard of a pre-scanned input (`syncFile` makes one for its file; see `duplicatesOf`). Without one, rows
   * are checked as they stream: a key's first row is kept and later ones are rejected.
   */
  duplicateGuard?: DuplicateGuard;
}

export interface SyncResult extends SyncSummary {
  /** False when stopped before the end of the source; resume to continue. */
  completed: boolean;
  resumed: boolean;
  /** The shard this run synced, when sharded. */
  shard?: SyncShard;
  checkpoint?: string;
  receipts?: string;
  rejectsFile?: string;
  /** Present when snapshot deletes were held back: the count, the reason, where the list is and what to do, in English. */
  deletesWithheld?: string;
  /**
   * Snapshot mode: the deletes of vanished keys held back — why (`reason`), how many, and the NDJSON file that
   * lists the keys (an object of the key fields per line). Review it, then run again with the allowance of the
   * reason: `allowEmptySnapshot`, `allowMassDelete` or `allowDeletesWithRejects`.
   */
  heldDeletes?: HeldDeletesSummary;
  /** Present when the run was to be reported (`report`): whether the exchange got it, and why not. */
  report?: RunReported;
  /** How duplicate keys were found: pre-scanned, while streaming (first row kept), or not at all (no key). */
  duplicateScan: DuplicateScan | 'none';
}

/** Deletes of vanished keys a snapshot run held back (see `SyncResult.heldDeletes`). */
export interface HeldDeletesSummary {
  /** `empty-input`, `mass-delete` or `keyless-rejects`; see HeldDeletesReason. */
  reason: HeldDeletesReason;
  count: number;
  /** Rejected rows without a readable key (0 unless the reason is, or might also be, `keyless-rejects`). */
  keylessRejects: number;
  /** Keys the last completed run left on the exchange (what `count` is a share of). */
  known: number;
  file: string;
}

/** The checked settings of a run. */
export interface RunSettings {
  resource: string;
  mode: SyncMode;
  batchSize: number;
  concurrency: number;
  /** The mapping's digest ('unspecified' when the caller gave none). */
  digest: string;
  shard?: SyncShard;
}

const DEFAULT_BATCH = 1000;
const MAX_BATCH = 5000;
const DEFAULT_CONCURRENCY = 4;

/** The settings of a run; throws SyncError `sync.invalid_options` for options that cannot work together. */
export function runSettingsOf(options: SyncOptions): RunSettings {
  const mode = options.mode ?? 'full';
  const batchSize = positive(options.batchSize ?? DEFAULT_BATCH, 'batchSize');
  const concurrency = positive(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency');
  if (batchSize > MAX_BATCH) throw usage('batchSize must be at most 5000', '批大小不能超过 5000');
  if (mode === 'incremental' && !options.watermark) {
    throw usage('incremental mode needs a watermark column', '增量模式需要指定水位列（如更新时间）');
  }
  if (mode === 'snapshot' && options.mapping.key.length === 0) {
    throw usage('snapshot mode needs the mapping to declare a key', '快照模式需要映射声明主键（key）');
  }
  if ((options.rows === undefined) === (options.source === undefined)) {
    throw usage('give exactly one of rows or source', 'rows 与 source 须且只能提供一个');
  }
  if (options.duplicates === 'last' && options.duplicateGuard === undefined) {
    throw new SyncError(
      'sync.duplicates_need_prescan',
      'duplicates: last needs an input that can be read twice (a file): which row of a key comes last cannot be known from a stream',
      '重复主键保留最后一行（duplicates: last）需要可读两遍的输入文件：数据流中无法得知哪一行是最后一行',
    );
  }
  const shard = options.shard ? checkedShard(options.shard) : undefined;
  if (shard && options.mapping.key.length === 0) {
    throw usage('a sharded sync needs the mapping to declare a key', '分片同步需要映射声明主键（key）');
  }
  if (shard?.range) checkRangeShard(shard.range, options);
  const resource = options.mapping.resource;
  const digest = options.mapping.digest ?? 'unspecified';
  return { resource, mode, batchSize, concurrency, digest, ...(shard ? { shard } : {}) };
}

/**
 * A key-range shard: over the mapping's record key (else which record keys, hence which deletes, are the shard's
 * cannot be told), fed records from the SQL reader (`source`) — file rows are sharded by hash.
 */
function checkRangeShard(range: SyncShardRange, options: SyncOptions): void {
  const key = options.mapping.key;
  if (range.key.length !== key.length || range.key.some((field, i) => field !== key[i])) {
    throw usage(
      `a shard's key range must be over the mapping's record key (${key.join(', ')}), in that order, not over ${range.key.join(', ')}: a range on other columns cannot tell which record keys — hence which snapshot deletes — belong to the shard`,
      `分片键范围须建立在映射的记录主键（${key.join('、')}）上且顺序相同，而非 ${range.key.join('、')}：其他列上的范围无法判断哪些记录主键（因而哪些快照删除）属于该分片`,
    );
  }
  if (options.rows !== undefined) {
    throw usage(
      'a key-range shard reads records from code (source), e.g. keysetRows of the range; shard file rows by hash',
      '按键范围分片须从代码读取记录（source），如按该范围调用 keysetRows；文件行请按哈希分片',
    );
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw usage(`${name} must be a positive integer`, `${name} 必须是正整数`);
  return value;
}

export function usage(en: string, zh: string): SyncError {
  return new SyncError('sync.invalid_options', en, zh);
}
