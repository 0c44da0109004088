/**
 * `@unsilo/sdk/review`: what the city's data authority (大数据局) and a department check before they trust a
 * step — an entry waiting for review (its lint findings and its difference from the version in force), and a
 * sync receipts file against the exchange's published keys.
 */

export type { FieldChange } from '../publish/field-diff';
export { type EntryReview, type ReviewBaseline, reviewEntry } from './entry-review';
export {
  MAX_RECEIPT_LINE_BYTES,
  MAX_RECEIPTS_FILE_BYTES,
  type ReceiptLineFailure,
  type ReceiptLineReason,
  ReceiptsFileError,
  type ReceiptsFileOptions,
  type ReceiptsFileReport,
  receiptLineReasonText,
  verifyReceiptsFile,
} from './receipts-file';
