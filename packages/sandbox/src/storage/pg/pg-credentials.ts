import type { Client } from '@unsilo/sdk/schemas';
import { toDepartment } from '../../auth/departments';
import { type ClientRow, clientColumns, clientFrom, toClient } from '../client-rows';
import type {
  ClientCredentials,
  ClientStore,
  DepartmentStore,
  NonceStore,
  StoredSecret,
  StoredToken,
  TokenStore,
} from '../ports';
import { inTransaction, type PgClient, type PgPool } from './pool';

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

/** The clients of the departments on PostgreSQL: hashed secrets and sealed HMAC keys; rotation and revocation each
 * in one transaction, under the client's row lock. */
export function createPgClientStore(pool: PgPool): ClientStore {
  return {
    credentials: (clientId) => pgCredentials(pool, clientId),
    async list() {
      // COLLATE "C": the byte order SQLite sorts by, whatever the database's locale.
      const { rows } = await pool.query<{ departmentId: string; name: string; clientId: string }>(
        `SELECT d.id AS "departmentId", d.name AS name, c.client_id AS "clientId"
         FROM clients c JOIN departments d ON d.id = c.department_id ORDER BY d.id COLLATE "C"`,
      );
      return rows;
    },
    get: (clientId) => clientById(pool, clientId),
    async listOf(departmentId, afterId, limit) {
      const { rows } = await pool.query<ClientRow>(
        `SELECT ${clientColumns} FROM ${clientFrom}
         WHERE c.department_id = $1 AND c.client_id COLLATE "C" > $2 ORDER BY c.client_id COLLATE "C" LIMIT $3`,
        [departmentId, afterId, limit],
      );
      return rows.map(toClient);
    },
    async add(client) {
      await pool.query(
        `INSERT INTO clients (client_id, department_id, secret_salt, secret_hash, hmac_key_sealed, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          client.clientId,
          client.departmentId,
          client.secretSalt,
          client.secretHash,
          client.hmacKeySealed,
          client.createdAt,
        ],
      );
      return (await clientById(pool, client.clientId))!;
    },
    rotate: (clientId, next, previousExpiresAt, at) =>
      inTransaction(pool, (db) => pgRotate(db, clientId, next, previousExpiresAt, at)),
    revoke: (clientId, at) =>
      inTransaction(pool, async (db) => {
        // The row lock orders this against a concurrent token save, whose INSERT … SELECT reads the row.
        const { rowCount } = await db.query(
          'UPDATE clients SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL',
          [clientId, at],
        );
        if (rowCount === 1) {
          await db.query('DELETE FROM client_previous_secrets WHERE client_id = $1', [clientId]);
          await db.query('DELETE FROM access_tokens WHERE client_id = $1', [clientId]);
        }
        return clientById(db, clientId);
      }),
  };
}

async function clientById(db: PgPool | PgClient, clientId: string) {
  const { rows } = await db.query<ClientRow>(
    `SELECT ${clientColumns} FROM ${clientFrom} WHERE c.client_id = $1`,
    [clientId],
  );
  return rows[0] ? toClient(rows[0]) : undefined;
}

/** A client's current secret and, while it has one, its previous secret, in one read. */
async function pgCredentials(pool: PgPool, clientId: string): Promise<ClientCredentials | undefined> {
  const { rows } = await pool.query(
    `SELECT c.department_id AS "departmentId", c.secret_salt AS "secretSalt", c.secret_hash AS "secretHash",
           c.hmac_key_sealed AS "hmacKeySealed", c.revoked_at AS "revokedAt", p.secret_salt AS "previousSalt",
           p.secret_hash AS "previousHash", p.hmac_key_sealed AS "previousSealed", p.expires_at AS "previousExpiresAt"
         FROM ${clientFrom} WHERE c.client_id = $1`,
    [clientId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const credentials: ClientCredentials = {
    departmentId: row.departmentId,
    secretSalt: row.secretSalt,
    secretHash: row.secretHash,
    hmacKeySealed: row.hmacKeySealed,
    revoked: row.revokedAt !== null,
  };
  if (row.previousHash)
    credentials.previous = {
      secretSalt: row.previousSalt,
      secretHash: row.previousHash,
      hmacKeySealed: row.previousSealed,
      expiresAt: Number(row.previousExpiresAt),
    };
  return credentials;
}

/** Rotation under the client's row lock: the current secret becomes the previous one, the new one current. */
async function pgRotate(
  db: PgClient,
  clientId: string,
  next: StoredSecret,
  previousExpiresAt: number,
  at: string,
): Promise<Client | 'revoked' | undefined> {
  const { rows } = await db.query('SELECT revoked_at FROM clients WHERE client_id = $1 FOR UPDATE', [
    clientId,
  ]);
  if (rows.length === 0) return undefined;
  if (rows[0].revoked_at !== null) return 'revoked';
  await db.query(
    `INSERT INTO client_previous_secrets (client_id, secret_salt, secret_hash, hmac_key_sealed, expires_at)
           SELECT client_id, secret_salt, secret_hash, hmac_key_sealed, $2 FROM clients WHERE client_id = $1
           ON CONFLICT (client_id) DO UPDATE SET secret_salt = excluded.secret_salt,
             secret_hash = excluded.secret_hash, hmac_key_sealed = excluded.hmac_key_sealed,
             expires_at = excluded.expires_at`,
    [clientId, previousExpiresAt],
  );
  await db.query(
    `UPDATE clients SET secret_salt = $2, secret_hash = $3, hmac_key_sealed = $4, rotated_at = $5
           WHERE client_id = $1`,
    [clientId, next.secretSalt, next.secretHash, next.hmacKeySealed, at],
  );
  return clientById(db, clientId);
}

/** Bearer tokens on PostgreSQL, by the SHA-256 of the token. */
export function createPgTokenStore(pool: PgPool): TokenStore {
  return {
    async save(tokenHash, token) {
      // FOR SHARE: waits for a revocation in progress, then sees its revoked_at, so no token outlives it.
      const { rowCount } = await pool.query(
        `INSERT INTO access_tokens (token_hash, client_id, department_id, expires_at)
         SELECT $1, client_id, $3, $4 FROM (
           SELECT client_id FROM clients WHERE client_id = $2 AND revoked_at IS NULL FOR SHARE
         ) AS live`,
        [tokenHash, token.clientId, token.departmentId, token.expiresAt],
      );
      return rowCount === 1;
    },
    async find(tokenHash) {
      const { rows } = await pool.query<StoredToken>(
        `SELECT client_id AS "clientId", department_id AS "departmentId", expires_at AS "expiresAt"
         FROM access_tokens WHERE token_hash = $1`,
        [tokenHash],
      );
      return rows[0];
    },
    async revoke(tokenHash, clientId) {
      const { rowCount } = await pool.query(
        'DELETE FROM access_tokens WHERE token_hash = $1 AND client_id = $2',
        [tokenHash, clientId],
      );
      return rowCount === 1;
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
