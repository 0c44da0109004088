export * from '../publish/index';
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
export { SyncError } from './errors';
export { clientFromSettings, type ExchangeSettings, resolveExchangeSettings } from './exchange-settings';
export { type BatchIdentity, deriveIdempotencyKey } from './idempotency-key';
export { syncMappingOf } from './mapping-adapter';
export {
  type BatchAnswer,
  type BatchClient,
  type BatchPusherOptions,
  classifyPushError,
  createBatchPusher,
  createClientPusher,
} from './push';
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
} from './readers/index';
export type { ResumeMode } from './resume';
export { parseRetryAfter, withRetry } from './retry';
export { SnapshotState } from './snapshot-state';
export { mappingDigest, type SyncMapping, type SyncOptions, type SyncResult, sync } from './sync';
export type {
  BatchBody,
  BatchOutcome,
  BatchRequest,
  MappedRow,
  OperationResult,
  PushBatch,
  RowError,
  RowMapper,
  SourceItem,
  SourceReject,
  SourceRow,
  SyncCounts,
  SyncProgress,
  SyncSummary,
} from './types';
export * from './xlsx-catalog/index';
