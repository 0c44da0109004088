export { CanonicalEncoders } from '../../json/canonical-bytes';
export { canonicalJson } from '../../json/canonical-json';
export {
  operationsHash,
  type ReceiptPublicKey,
  type ReceiptVerification,
  type VerifyReceiptOptions,
  verifyReceipt,
} from './verify-receipt';
