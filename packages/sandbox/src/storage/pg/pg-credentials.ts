import { toDepartment } from '../../auth/departments';
import type {
  ClientCredentials,
  ClientStore,
  DepartmentStore,
  NonceStore,
  StoredToken,
  TokenStore,
} from '../ports';
import type { PgPool } from './pool';

/**
 * Departments on PostgreSQL. Unlike the SQLite store there is no cache: another instance starting with a seed may
 * change a department, and every instance must then answer the same.
 */
export function createPgDepartmentStore(pool: PgPool): DepartmentStore {
  return {
    async get(id) {
      const { rows } = await pool.query('SELECT id, name, code, roles FROM departments WHERE id = $1', [id]);
      return rows[0] ? toDepartment(rows[0]) : undefined;
    },
    async list() {
      const { rows } = await pool.query(
        'SELECT id, name, code, roles FROM departments ORDER BY id COLLATE "C"',
      );
      return rows.map(toDepartment);
    },
  };
}

/** The clients of the departments on PostgreSQL: hashed secrets and sealed HMAC keys, as the seed stored them. */
export function createPgClientStore(pool: PgPool): ClientStore {
  return {
    async credentials(clientId) {
      const { rows } = await pool.query<ClientCredentials>(
        `SELECT department_id AS "departmentId", secret_salt AS "secretSalt", secret_hash AS "secretHash",
           hmac_key_sealed AS "hmacKeySealed" FROM clients WHERE client_id = $1`,
        [clientId],
      );
      return rows[0];
    },
    async list() {
      // COLLATE "C": the byte order SQLite sorts by, whatever the database's locale.
      const { rows } = await pool.query<{ departmentId: string; name: string; clientId: string }>(
        `SELECT d.id AS "departmentId", d.name AS name, c.client_id AS "clientId"
         FROM clients c JOIN departments d ON d.id = c.department_id ORDER BY d.id COLLATE "C"`,
      );
      return rows;
    },
  };
}

/** Bearer tokens on PostgreSQL, by the SHA-256 of the token. */
export function createPgTokenStore(pool: PgPool): TokenStore {
  return {
    async save(tokenHash, token) {
      await pool.query(
        'INSERT INTO access_tokens (token_hash, client_id, department_id, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash, token.clientId, token.departmentId, token.expiresAt],
      );
    },
    async find(tokenHash) {
      const { rows } = await pool.query<StoredToken>(
        `SELECT client_id AS "clientId", department_id AS "departmentId", expires_at AS "expiresAt"
         FROM access_tokens WHERE token_hash = $1`,
        [tokenHash],
      );
      return rows[0];
    },
    async purgeExpired(now) {
      await pool.query('DELETE FROM access_tokens WHERE expires_at < $1', [now]);
    },
  };
}

/** Spent HMAC nonces on PostgreSQL: the primary key makes a nonce spendable once across every instance. */
export function createPgNonceStore(pool: PgPool): NonceStore {
  return {
    async spend(clientId, nonce, expiresAt) {
      const { rowCount } = await pool.query(
        'INSERT INTO nonces (client_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [clientId, nonce, expiresAt],
      );
      return rowCount === 1;
    },
    async purgeExpired(now) {
      await pool.query('DELETE FROM nonces WHERE expires_at < $1', [now]);
    },
  };
}
