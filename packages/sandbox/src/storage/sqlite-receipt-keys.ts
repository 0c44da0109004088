import type { Database } from 'better-sqlite3';
import type { ReceiptKeyStore, StoredReceiptKey } from './ports';

type ReceiptKeyRow = { kid: string; private_key_sealed: Buffer; public_x: string };

const toStored = (row: ReceiptKeyRow): StoredReceiptKey => ({
  kid: row.kid,
  privateKeySealed: row.private_key_sealed,
  publicX: row.public_x,
});

/** Adds a key after the others, synchronously (also inside the start-up transaction that seals old keys). */
export function insertReceiptKey(db: Database, key: StoredReceiptKey, createdAt: string): void {
  db.prepare(
    'INSERT INTO receipt_keys (kid, private_key_sealed, public_x, created_at) VALUES (?, ?, ?, ?)',
  ).run(key.kid, key.privateKeySealed, key.publicX, createdAt);
}

/** Receipt keys on SQLite, in the order they were added (`seq`). */
export function createSqliteReceiptKeyStore(db: Database): ReceiptKeyStore {
  return {
    async newest() {
      const row = db
        .prepare('SELECT kid, private_key_sealed, public_x FROM receipt_keys ORDER BY seq DESC LIMIT 1')
        .get() as ReceiptKeyRow | undefined;
      return row ? toStored(row) : undefined;
    },
    async add(key, createdAt) {
      insertReceiptKey(db, key, createdAt);
    },
    async all() {
      return (
        db
          .prepare('SELECT kid, private_key_sealed, public_x FROM receipt_keys ORDER BY seq')
          .all() as ReceiptKeyRow[]
      ).map(toStored);
    },
  };
}
