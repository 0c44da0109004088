import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { Problem } from '../problems/problem';
import { secretMatches } from './client-secrets';

export interface TokenOwner {
  clientId: string;
  departmentId: string;
}

/** Why a token request was refused; both are answered alike (401 `auth.invalid_client`), only the audit tells. */
export type LoginFailure = 'unknown_client' | 'wrong_secret';

/**
 * Opaque bearer tokens: 256 random bits handed to the client, only their SHA-256 kept in the database with an
 * expiry, so a copy of the database cannot be replayed as tokens.
 */
export function createTokenService(db: Database, now: () => number, ttlSeconds: number) {
  const client = db.prepare(
    'SELECT department_id, secret_salt, secret_hash FROM clients WHERE client_id = ?',
  );
  const insert = db.prepare(
    'INSERT INTO access_tokens (token_hash, client_id, department_id, expires_at) VALUES (?, ?, ?, ?)',
  );
  const lookup = db.prepare(
    'SELECT client_id, department_id, expires_at FROM access_tokens WHERE token_hash = ?',
  );
  const purge = db.prepare('DELETE FROM access_tokens WHERE expires_at < ?');
  let issued = 0;
  // Resolved tokens, so a read does not hash and look up its token every time; expiry is still checked per use.
  const known = new Map<string, TokenOwner & { expiresAt: number }>();
  // An unknown client id is checked against this salt and hash (which no secret matches), so that it costs the same
  // scrypt as a known one: the answer time does not tell which client ids exist.
  const unknownClient = { secret_salt: randomBytes(16), secret_hash: randomBytes(32) };

  return {
    /** A token for the client whose secret this is, or why not. */
    async issue(
      clientId: string,
      clientSecret: string,
    ): Promise<{ accessToken: string; expiresIn: number; owner: TokenOwner } | { failure: LoginFailure }> {
      const row = client.get(clientId) as
        | { department_id: string; secret_salt: Buffer; secret_hash: Buffer }
        | undefined;
      const stored = row ?? unknownClient;
      const matches = await secretMatches(clientSecret, stored.secret_salt, stored.secret_hash);
      if (!row) return { failure: 'unknown_client' };
      if (!matches) return { failure: 'wrong_secret' };
      if (++issued % 100 === 0) purge.run(now());
      const accessToken = randomBytes(32).toString('base64url');
      insert.run(hashToken(accessToken), clientId, row.department_id, now() + ttlSeconds * 1000);
      return { accessToken, expiresIn: ttlSeconds, owner: { clientId, departmentId: row.department_id } };
    },
    resolve(accessToken: string): TokenOwner {
      const cached = known.get(accessToken);
      if (cached) {
        if (cached.expiresAt <= now())
          throw new Problem('auth.invalid_token', 'The bearer token has expired');
        return { clientId: cached.clientId, departmentId: cached.departmentId };
      }
      const row = lookup.get(hashToken(accessToken)) as
        | { client_id: string; department_id: string; expires_at: number }
        | undefined;
      if (!row) throw new Problem('auth.invalid_token', 'The bearer token is not one this exchange issued');
      if (row.expires_at <= now()) throw new Problem('auth.invalid_token', 'The bearer token has expired');
      if (known.size >= 10_000) known.clear();
      known.set(accessToken, {
        clientId: row.client_id,
        departmentId: row.department_id,
        expiresAt: row.expires_at,
      });
      return { clientId: row.client_id, departmentId: row.department_id };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
