import type { ConformanceCheck } from '../types';
import { accessChecks } from './access';
import { auditChecks } from './audit';
import { authChecks } from './auth';
import { changesChecks } from './changes';
import { credentialsChecks } from './credentials';
import { hmacChecks } from './hmac';
import { idempotencyChecks } from './idempotency';
import { lifecycleChecks } from './lifecycle';
import { limitsChecks } from './limits';
import { qualityChecks } from './quality';
import { readsChecks } from './reads';
import { receiptsChecks } from './receipts';
import { recordsChecks } from './records';
import { retentionChecks } from './retention';
import { roleChecks } from './roles';
import { shareRequestsChecks } from './share-requests';

/**
 * Every check, in the order a run takes them: authentication, plain reads, the catalogue, access, records and
 * what they leave (receipts, the change feed, quality figures, audit), and the rate limit last — it spends a
 * client's allowance.
 */
export const conformanceChecks: readonly ConformanceCheck[] = [
  ...authChecks,
  ...hmacChecks,
  ...credentialsChecks,
  ...readsChecks,
  ...roleChecks,
  ...lifecycleChecks,
  ...accessChecks,
  ...shareRequestsChecks,
  ...recordsChecks,
  ...idempotencyChecks,
  ...receiptsChecks,
  ...changesChecks,
  ...retentionChecks,
  ...qualityChecks,
  ...auditChecks,
  ...limitsChecks,
];
