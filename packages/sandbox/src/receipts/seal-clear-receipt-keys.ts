import { createPrivateKey } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { insertReceiptKey } from '../storage/sqlite-receipt-keys';
import { sealedReceiptKey } from './receipt-signer';

/**
 * Versions before migration 007 kept the receipt keys in clear; 007 set that table aside as
 * `receipt_keys_clear`. Here, once the sealing key is known, each key moves into `receipt_keys` sealed, in its
 * old order, and the clear table is dropped. Run it inside `eraseInOneTransaction`, so the dropped pages are
 * overwritten rather than left free with the keys in them. Returns how many keys were sealed.
 */
export function sealClearReceiptKeys(db: Database, sealingKey: Buffer): number {
  const setAside = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'receipt_keys_clear'")
    .get();
  if (!setAside) return 0;
  const rows = db
    .prepare('SELECT kid, private_key, created_at FROM receipt_keys_clear ORDER BY created_at, rowid')
    .all() as Array<{ kid: string; private_key: Buffer; created_at: string }>;
  for (const row of rows) {
    const privateKey = createPrivateKey({ key: row.private_key, format: 'der', type: 'pkcs8' });
    const stored = sealedReceiptKey(privateKey, sealingKey);
    insertReceiptKey(db, stored, row.created_at);
    if (stored.kid !== row.kid) throw new Error(`receipt key ${row.kid} in the database is inconsistent`);
  }
  db.exec('DROP TABLE receipt_keys_clear');
  return rows.length;
}
