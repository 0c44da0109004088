import type { Department, DepartmentRole } from '@unsilo/sdk/schemas';
import type { LoginThrottle } from './auth/login-throttle';
import type { RequestLimiter } from './http/rate-limit';
import type { ReceiptSigner } from './receipts/receipt-signer';
import type { AuditLog, Storage } from './storage/ports';

/** Everything a handler needs, created once per running exchange. */
export interface SandboxState {
  /** Every piece of persistent state, behind its port. */
  storage: Storage;
  /** The exchange's clock (ms since epoch); injectable so tests can move time. */
  now: () => number;
  /** Lets a provider register and publish its own entries (no separate authority step). */
  selfApprove: boolean;
  sealingKey: Buffer;
  signer: ReceiptSigner;
  audit: AuditLog;
  tokenTtlSeconds: number;
  /** Days superseded versions stay in the change feed; undefined keeps every version. */
  retentionDays: number | undefined;
  maxBatchOperations: number;
  /** Failed logins per client id and per address (the token endpoint's 429). */
  loginThrottle: LoginThrottle;
  /** Requests per minute per client, or per address for the operations that need no credentials. */
  requestLimiter: RequestLimiter;
}

export type Role = DepartmentRole;
export type { Department };

/** The authenticated department behind a request. */
export interface Caller {
  department: Department;
  clientId: string;
}
