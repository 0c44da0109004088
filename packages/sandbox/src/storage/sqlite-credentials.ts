import type { Database } from 'better-sqlite3';
import type { ClientCredentials, ClientStore, NonceStore, StoredToken, TokenStore } from './ports';

/** The clients of the departments on SQLite: hashed secrets and sealed HMAC keys, as the seed stored them. */
export function createSqliteClientStore(db: Database): ClientStore {
  const byId = db.prepare(
    `SELECT department_id AS departmentId, secret_salt AS secretSalt, secret_hash AS secretHash,
       hmac_key_sealed AS hmacKeySealed FROM clients WHERE client_id = ?`,
  );
  const all = db.prepare(
    `SELECT d.id AS departmentId, d.name AS name, c.client_id AS clientId
     FROM clients c JOIN departments d ON d.id = c.department_id ORDER BY d.id`,
  );
  return {
    credentials: async (clientId) => byId.get(clientId) as ClientCredentials | undefined,
    list: async () => all.all() as Array<{ departmentId: string; name: string; clientId: string }>,
  };
}

/** Bearer tokens on SQLite, by the SHA-256 of the token. */
export function createSqliteTokenStore(db: Database): TokenStore {
  const insert = db.prepare(
    'INSERT INTO access_tokens (token_hash, client_id, department_id, expires_at) VALUES (?, ?, ?, ?)',
  );
  const lookup = db.prepare(
    `SELECT client_id AS clientId, department_id AS departmentId, expires_at AS expiresAt FROM access_tokens
     WHERE token_hash = ?`,
  );
  const purge = db.prepare('DELETE FROM access_tokens WHERE expires_at < ?');
  return {
    async save(tokenHash, token) {
      insert.run(tokenHash, token.clientId, token.departmentId, token.expiresAt);
    },
    find: async (tokenHash) => lookup.get(tokenHash) as StoredToken | undefined,
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
