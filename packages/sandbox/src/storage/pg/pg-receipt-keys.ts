import type { ReceiptKeyStore, StoredReceiptKey } from '../ports';
import type { PgPool } from './pool';

const columns = 'kid, private_key_sealed AS "privateKeySealed", public_x AS "publicX"';

/** Receipt keys on PostgreSQL, in the order they were added (`seq`). */
export function createPgReceiptKeyStore(pool: PgPool): ReceiptKeyStore {
  return {
    async newest() {
      const { rows } = await pool.query<StoredReceiptKey>(
        `SELECT ${columns} FROM receipt_keys ORDER BY seq DESC LIMIT 1`,
      );
      return rows[0];
    },
    async add(key, createdAt) {
      await pool.query(
        'INSERT INTO receipt_keys (kid, private_key_sealed, public_x, created_at) VALUES ($1, $2, $3, $4)',
        [key.kid, key.privateKeySealed, key.publicX, createdAt],
      );
    },
    async all() {
      const { rows } = await pool.query<StoredReceiptKey>(`SELECT ${columns} FROM receipt_keys ORDER BY seq`);
      return rows;
    },
  };
}
