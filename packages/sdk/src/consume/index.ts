/** Consumers of the exchange: export a resource's records to a file, keep a local copy current from its feed. */
export { cellText, csvField, csvLine, guardFormula } from './cell-text';
export { ConsumeError } from './consume-error';
export { type CsvEncoding, csvEncodings, encodeCsv, isCsvEncoding } from './csv-encoding';
export {
  type ExportProgress,
  type ExportRecordsOptions,
  type ExportResult,
  exportRecords,
} from './export-records';
export {
  type FollowChangesOptions,
  type FollowCounts,
  type FollowPage,
  followChanges,
} from './follow-changes';
export type { FollowState } from './local-copy';
export { type ExportFormat, exportFormatOf } from './record-writers';
