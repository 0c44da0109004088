// The client's reading of Retry-After, so that sync and client agree on what a server asked for.
export { parseRetryAfter } from '../client/core/retry';
export type { FieldFinding, Finding, FindingSeverity } from '../findings/finding';
export type { DuplicatePolicy, DuplicateScan } from '../mapping/duplicate-keys';
export {
  type ByteSource,
  type CsvOptions,
  CsvParser,
  cellText,
  decodeText,
  detectEncoding,
  type ItemSink,
  isReject,
  pumpSource,
  type ReaderOptions,
  readCsv,
  readCsvBatches,
  readNdjson,
  readNdjsonBatches,
  readSource,
  readSourceBatches,
  readXlsx,
  readXlsxBatches,
} from '../sources/index';
export { AppendLog, syncDirectory, writeFileAtomic } from './atomic-file';
export { compareWatermarks } from './change-filter';
export {
  type Checkpoint,
  type InputIdentity,
  loadCheckpoint,
  type RunState,
  receiptsPathFor,
  type SyncMode,
  type WatermarkValue,
} from './checkpoint';
export {
  type DeleteAllowances,
  type HeldDeletesReason,
  MASS_DELETE_MIN,
  MASS_DELETE_SHARE,
} from './delete-guard';
export { guardedMapper } from './duplicate-mapper';
export { SyncError, SyncMappingError } from './errors';
export { clientFromSettings, type ExchangeSettings, resolveExchangeSettings } from './exchange-settings';
export { heldDeletesMessage } from './held-deletes';
export { type BatchIdentity, deriveIdempotencyKey } from './idempotency-key';
export {
  type SyncFileClient,
  type SyncFileMapping,
  type SyncFileOptions,
  type SyncFileStart,
  syncFile,
} from './jobs/sync-file';
export { syncMappingOf } from './mapping-adapter';
export {
  type BatchAnswer,
  type BatchClient,
  type BatchPusherOptions,
  createBatchPusher,
  createClientPusher,
  type PushRetryOptions,
  type SentBatch,
} from './push';
export type { ResumeMode } from './resume';
export {
  createRunReporter,
  type ReportRun,
  type RunReportClient,
  type RunReported,
  type SyncRunReport,
} from './run-report';
export { MAX_SHARDS, parseShard, type SyncShard, type SyncShardRange, shardOfKey } from './shard';
export { SnapshotState } from './snapshot-state';
export { mappingDigest, type SyncMapping, type SyncOptions, type SyncResult, sync } from './sync';
export type { HeldDeletesSummary } from './sync-options';
export type {
  BatchBody,
  BatchOutcome,
  BatchRequest,
  MappedRow,
  OperationResult,
  OutOfShardRow,
  PushBatch,
  ReplacedRow,
  RowError,
  RowMapper,
  SourceItem,
  SourceReject,
  SourceRow,
  SyncCounts,
  SyncProgress,
  SyncSummary,
} from './types';
