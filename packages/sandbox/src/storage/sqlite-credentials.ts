import type { Database } from 'better-sqlite3';
import { type ClientRow, clientColumns, clientFrom, toClient } from './client-rows';
import type {
  ClientCredentials,
  ClientStore,
  NonceStore,
  StoredSecret,
  StoredToken,
  TokenStore,
} from './ports';

/** The clients of the departments on SQLite: hashed secrets and sealed HMAC keys; rotation and revocation each in
 * one transaction. */
export function createSqliteClientStore(db: Database): ClientStore {
  const byId = db.prepare(
    `SELECT department_id AS departmentId, secret_salt AS secretSalt, secret_hash AS secretHash,
       hmac_key_sealed AS hmacKeySealed, revoked_at AS revokedAt FROM clients WHERE client_id = ?`,
  );
  const previousOf = db.prepare(
    `SELECT secret_salt AS secretSalt, secret_hash AS secretHash, hmac_key_sealed AS hmacKeySealed,
       expires_at AS expiresAt FROM client_previous_secrets WHERE client_id = ?`,
  );
  const all = db.prepare(
    `SELECT d.id AS departmentId, d.name AS name, c.client_id AS clientId
     FROM clients c JOIN departments d ON d.id = c.department_id ORDER BY d.id`,
  );
  const one = db.prepare(`SELECT ${clientColumns} FROM ${clientFrom} WHERE c.client_id = ?`);
  const ofDepartment = db.prepare(
    `SELECT ${clientColumns} FROM ${clientFrom} WHERE c.department_id = ? AND c.client_id > ?
     ORDER BY c.client_id LIMIT ?`,
  );
  const insert = db.prepare(
    `INSERT INTO clients (client_id, department_id, secret_salt, secret_hash, hmac_key_sealed, created_at)
     VALUES (@clientId, @departmentId, @secretSalt, @secretHash, @hmacKeySealed, @createdAt)`,
  );
  const keepPrevious = db.prepare(
    `INSERT OR REPLACE INTO client_previous_secrets (client_id, secret_salt, secret_hash, hmac_key_sealed, expires_at)
     SELECT client_id, secret_salt, secret_hash, hmac_key_sealed, ? FROM clients WHERE client_id = ?`,
  );
  const replaceSecret = db.prepare(
    `UPDATE clients SET secret_salt = ?, secret_hash = ?, hmac_key_sealed = ?, rotated_at = ? WHERE client_id = ?`,
  );
  const markRevoked = db.prepare(
    'UPDATE clients SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL',
  );
  const dropPrevious = db.prepare('DELETE FROM client_previous_secrets WHERE client_id = ?');
  const dropTokens = db.prepare('DELETE FROM access_tokens WHERE client_id = ?');
  const get = (clientId: string) => {
    const row = one.get(clientId) as ClientRow | undefined;
    return row ? toClient(row) : undefined;
  };
  const rotate = db.transaction(
    (clientId: string, next: StoredSecret, previousExpiresAt: number, at: string) => {
      const current = get(clientId);
      if (!current || current.revokedAt !== null) return current && 'revoked';
      keepPrevious.run(previousExpiresAt, clientId);
      replaceSecret.run(next.secretSalt, next.secretHash, next.hmacKeySealed, at, clientId);
      return get(clientId);
    },
  );
  const revoke = db.transaction((clientId: string, at: string) => {
    if (markRevoked.run(at, clientId).changes === 1) {
      dropPrevious.run(clientId);
      dropTokens.run(clientId);
    }
    return get(clientId);
  });
  return {
    async credentials(clientId) {
      const row = byId.get(clientId) as
        | (StoredSecret & { departmentId: string; revokedAt: string | null })
        | undefined;
      if (!row) return undefined;
      const previous = previousOf.get(clientId) as ClientCredentials['previous'];
      const { revokedAt, ...secret } = row;
      return { ...secret, revoked: revokedAt !== null, ...(previous ? { previous } : {}) };
    },
    list: async () => all.all() as Array<{ departmentId: string; name: string; clientId: string }>,
    get: async (clientId) => get(clientId),
    listOf: async (departmentId, afterId, limit) =>
      (ofDepartment.all(departmentId, afterId, limit) as ClientRow[]).map(toClient),
    async add(client) {
      insert.run(client);
      return get(client.clientId)!;
    },
    rotate: async (clientId, next, previousExpiresAt, at) => rotate(clientId, next, previousExpiresAt, at),
    revoke: async (clientId, at) => revoke(clientId, at),
  };
}

/** Bearer tokens on SQLite, by the SHA-256 of the token. */
export function createSqliteTokenStore(db: Database): TokenStore {
  const insert = db.prepare(
    `INSERT INTO access_tokens (token_hash, client_id, department_id, expires_at)
     SELECT ?, client_id, ?, ? FROM clients WHERE client_id = ? AND revoked_at IS NULL`,
  );
  const lookup = db.prepare(
    `SELECT client_id AS clientId, department_id AS departmentId, expires_at AS expiresAt FROM access_tokens
     WHERE token_hash = ?`,
  );
  const remove = db.prepare('DELETE FROM access_tokens WHERE token_hash = ? AND client_id = ?');
  const purge = db.prepare('DELETE FROM access_tokens WHERE expires_at < ?');
  return {
    save: async (tokenHash, token) =>
      insert.run(tokenHash, token.departmentId, token.expiresAt, token.clientId).changes === 1,
    find: async (tokenHash) => lookup.get(tokenHash) as StoredToken | undefined,
    revoke: async (tokenHash, clientId) => remove.run(tokenHash, clientId).changes === 1,
    async purgeExpired(now) {
      purge.run(now);
    },
  };
}

/** Spent HMAC nonces on the bookkeeping connection (no fsync of its own, see `openBookkeeping`). */
export function createSqliteNonceStore(bookkeeping: Database): NonceStore {
  const spend = bookkeeping.prepare(
    'INSERT INTO nonces (client_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const purge = bookkeeping.prepare('DELETE FROM nonces WHERE expires_at < ?');
  return {
    spend: async (clientId, nonce, expiresAt) => spend.run(clientId, nonce, expiresAt).changes === 1,
    async purgeExpired(now) {
      purge.run(now);
    },
  };
}
