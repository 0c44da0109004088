import type { InputIdentity, SyncMode } from './checkpoint';
import { SyncError } from './errors';
import type { ResumeMode } from './resume';
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
  /** Abort to stop cleanly: batches in flight finish, the checkpoint stays valid. */
  stop?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** The expected row count, for an ETA. */
  total?: number;
  /** The input file, when there is one: a resume refuses a file that changed since the interrupted run. */
  input?: InputIdentity;
  /** How often the checkpoint is rewritten while running (ms; default 250). It is always written at the end. */
  checkpointIntervalMs?: number;
}

export interface SyncResult extends SyncSummary {
  /** False when stopped before the end of the source; resume to continue. */
  completed: boolean;
  resumed: boolean;
  checkpoint?: string;
  receipts?: string;
  rejectsFile?: string;
  /** Present when snapshot deletes were held back, with the reason. */
  deletesWithheld?: string;
}

/** The checked settings of a run. */
export interface RunSettings {
  resource: string;
  mode: SyncMode;
  batchSize: number;
  concurrency: number;
  /** The mapping's digest ('unspecified' when the caller gave none). */
  digest: string;
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
  const resource = options.mapping.resource;
  return { resource, mode, batchSize, concurrency, digest: options.mapping.digest ?? 'unspecified' };
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw usage(`${name} must be a positive integer`, `${name} 必须是正整数`);
  return value;
}

export function usage(en: string, zh: string): SyncError {
  return new SyncError('sync.invalid_options', en, zh);
}
