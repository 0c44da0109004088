import type { Database } from 'better-sqlite3';
import { createShareRequestStore } from '../access/share-requests';
import { createAuditLog } from '../audit/audit-log';
import { createDepartmentStore } from '../auth/departments';
import { createMemoryThrottleStore } from '../auth/throttle-store';
import { createResourceStore } from '../catalog/resource-store';
import { createRecordStore } from '../records/record-store';
import { createSqliteRetentionStore } from '../records/sqlite-retention';
import { createSyncRunStore } from '../records/sync-run-store';
import type { Storage } from './ports';
import { createSqliteConflictReads } from './sqlite-conflict-reads';
import {
  createSqliteClientStore,
  createSqliteNonceStore,
  createSqliteTokenStore,
} from './sqlite-credentials';
import { createSqliteQualityReads } from './sqlite-quality-reads';
import { createSqliteReceiptKeyStore } from './sqlite-receipt-keys';

export interface SqliteStorageOptions {
  /** Audit events without a department kept (see `createAuditLog`). */
  maxAnonymousAuditEvents?: number;
}

/**
 * Every port on one SQLite database: `db` for what must be durable at once (records, batches, the catalogue),
 * `bookkeeping` for audit events and spent nonces (a NORMAL-sync connection to the same file, or `db` itself in
 * memory). The throttle counts stay in this process's memory.
 */
export function openSqliteStorage(
  db: Database,
  bookkeeping: Database,
  options: SqliteStorageOptions = {},
): Storage {
  const records = createRecordStore(db);
  const settleIndex = () => records.settleIndex();
  const audit = createAuditLog(bookkeeping, options.maxAnonymousAuditEvents);
  let closed = false;
  return {
    departments: createDepartmentStore(db),
    clients: createSqliteClientStore(db),
    tokens: createSqliteTokenStore(db),
    nonces: createSqliteNonceStore(bookkeeping),
    resources: createResourceStore(db),
    shares: createShareRequestStore(db),
    records,
    retention: createSqliteRetentionStore(db, records.index),
    syncRuns: createSyncRunStore(db),
    quality: createSqliteQualityReads(db, settleIndex),
    conflicts: createSqliteConflictReads(db, settleIndex),
    audit,
    receiptKeys: createSqliteReceiptKeyStore(db),
    throttle: createMemoryThrottleStore(),
    async close() {
      if (closed) return;
      closed = true;
      await audit.flush();
      if (bookkeeping !== db) bookkeeping.close();
      db.close();
    },
  };
}
