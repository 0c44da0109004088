export { CanonicalEncoders } from './canonical-bytes';
export { canonicalJson } from './canonical-json';
export {
  operationsHash,
  type ReceiptPublicKey,
  type ReceiptVerification,
  type VerifyReceiptOptions,
  verifyReceipt,
} from './verify-receipt';
