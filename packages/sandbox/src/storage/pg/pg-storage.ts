import type { Storage } from '../ports';
import { createPgAuditLog } from './pg-audit-log';
import { createPgConflictReads } from './pg-conflict-reads';
import {
  createPgClientStore,
  createPgDepartmentStore,
  createPgNonceStore,
  createPgTokenStore,
} from './pg-credentials';
import { createPgQualityReads } from './pg-quality-reads';
import { createPgReceiptKeyStore } from './pg-receipt-keys';
import { createPgRecordStore } from './pg-records';
import { createPgResourceStore } from './pg-resources';
import { createPgRetentionStore } from './pg-retention';
import { createPgShareRequestStore } from './pg-share-requests';
import { createPgSyncRunStore } from './pg-sync-runs';
import { createPgThrottleStore, type PgThrottleOptions } from './pg-throttle';
import type { PgPool } from './pool';

export interface PgStorageOptions {
  /** Audit events without a department kept (see `createPgAuditLog`). */
  maxAnonymousAuditEvents?: number;
  throttle?: PgThrottleOptions;
}

/**
 * Every port on one PostgreSQL database, through `pool`. Everything — the throttle counts included — lives in
 * the database, so several instances on it answer alike. `close()` writes the queued audit events and ends the
 * pool (which the storage owns from now on).
 */
export function openPgStorage(pool: PgPool, options: PgStorageOptions = {}): Storage {
  const audit = createPgAuditLog(pool, options.maxAnonymousAuditEvents);
  let closed = false;
  return {
    departments: createPgDepartmentStore(pool),
    clients: createPgClientStore(pool),
    tokens: createPgTokenStore(pool),
    nonces: createPgNonceStore(pool),
    resources: createPgResourceStore(pool),
    shares: createPgShareRequestStore(pool),
    records: createPgRecordStore(pool),
    retention: createPgRetentionStore(pool),
    syncRuns: createPgSyncRunStore(pool),
    quality: createPgQualityReads(pool),
    conflicts: createPgConflictReads(pool),
    audit,
    receiptKeys: createPgReceiptKeyStore(pool),
    throttle: createPgThrottleStore(pool, options.throttle),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await audit.flush();
      } finally {
        await pool.end();
      }
    },
  };
}
