import { createHash, randomBytes } from 'node:crypto';
import { Problem } from '../problems/problem';
import type { ClientStore, TokenStore } from '../storage/ports';
import { secretMatches } from './client-secrets';

export interface TokenOwner {
  clientId: string;
  departmentId: string;
}

/** Why a token request was refused; both are answered alike (401 `auth.invalid_client`), only the audit tells. */
export type LoginFailure = 'unknown_client' | 'wrong_secret';

/**
 * Opaque bearer tokens: 256 random bits handed to the client, only their SHA-256 kept in the store with an
 * expiry, so a copy of the database cannot be replayed as tokens.
 */
export function createTokenService(
  clients: ClientStore,
  tokens: TokenStore,
  now: () => number,
  ttlSeconds: number,
) {
  let issued = 0;
  // Resolved tokens, so a read does not hash and look up its token every time; expiry is still checked per use.
  // (In this process's memory: tokens are never revoked before they expire, so a cache per instance is safe.)
  const known = new Map<string, TokenOwner & { expiresAt: number }>();
  // An unknown client id is checked against this salt and hash (which no secret matches), so that it costs the same
  // scrypt as a known one: the answer time does not tell which client ids exist.
  const unknownClient = { secretSalt: randomBytes(16), secretHash: randomBytes(32) };

  return {
    /** A token for the client whose secret this is, or why not. */
    async issue(
      clientId: string,
      clientSecret: string,
    ): Promise<{ accessToken: string; expiresIn: number; owner: TokenOwner } | { failure: LoginFailure }> {
      const client = await clients.credentials(clientId);
      const stored = client ?? unknownClient;
      const matches = await secretMatches(clientSecret, stored.secretSalt, stored.secretHash);
      if (!client) return { failure: 'unknown_client' };
      if (!matches) return { failure: 'wrong_secret' };
      if (++issued % 100 === 0) await tokens.purgeExpired(now());
      const accessToken = randomBytes(32).toString('base64url');
      await tokens.save(hashToken(accessToken), {
        clientId,
        departmentId: client.departmentId,
        expiresAt: now() + ttlSeconds * 1000,
      });
      return { accessToken, expiresIn: ttlSeconds, owner: { clientId, departmentId: client.departmentId } };
    },
    async resolve(accessToken: string): Promise<TokenOwner> {
      const cached = known.get(accessToken);
      if (cached) {
        if (cached.expiresAt <= now())
          throw new Problem('auth.invalid_token', 'The bearer token has expired');
        return { clientId: cached.clientId, departmentId: cached.departmentId };
      }
      const stored = await tokens.find(hashToken(accessToken));
      if (!stored)
        throw new Problem('auth.invalid_token', 'The bearer token is not one this exchange issued');
      if (stored.expiresAt <= now()) throw new Problem('auth.invalid_token', 'The bearer token has expired');
      if (known.size >= 10_000) known.clear();
      known.set(accessToken, stored);
      return { clientId: stored.clientId, departmentId: stored.departmentId };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
