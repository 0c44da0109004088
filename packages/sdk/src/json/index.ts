/**
 * @unsilo/sdk/json — canonical JSON (RFC 8785) as text and as UTF-8 bytes, and the receipt hash over a batch's
 * accepted operations: the bytes the exchange stores, signs and hashes, and the ones sync and receipt checks
 * recompute.
 */
export { CanonicalEncoders } from './canonical-bytes';
export { canonicalJson } from './canonical-json';
export { acceptedOperationsHash, OperationsHash } from './operations-hash';
export {
  type FlatRecord,
  type JsonScalar,
  type RecordLineEncoder,
  recordLineEncoder,
} from './record-line-encoder';
