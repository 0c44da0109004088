import { createHash, randomBytes } from 'node:crypto';
import { Problem } from '../problems/problem';
import type { ClientCredentials, ClientStore, TokenStore } from '../storage/ports';
import { secretMatches } from './client-secrets';

export interface TokenOwner {
  clientId: string;
  departmentId: string;
}

/** Why a client's credentials were refused; all are answered alike (401 `auth.invalid_client`), only the audit
 * tells. */
export type LoginFailure = 'unknown_client' | 'wrong_secret' | 'revoked_client';

/**
 * Opaque bearer tokens: 256 random bits handed to the client, only their SHA-256 kept in the store with an
 * expiry, so a copy of the database cannot be replayed as tokens.
 *
 * Every use of a token is looked up in the store; there is no cache in memory. A token can be revoked (RFC 7009,
 * or with its client) through any instance of the exchange, and a cache in another instance's memory would go
 * on accepting it until it expired. One primary-key lookup per request is the price of "at once, everywhere".
 */
export function createTokenService(
  clients: ClientStore,
  tokens: TokenStore,
  now: () => number,
  ttlSeconds: number,
) {
  let issued = 0;
  // An unknown client id is checked against this salt and hash (which no secret matches), so that it costs the same
  // scrypt as a known one: the answer time does not tell which client ids exist.
  const unknownClient = { secretSalt: randomBytes(16), secretHash: randomBytes(32) };

  /** The client whose secret this is (its current one, or its previous one during the grace period), or why not. */
  async function authenticateClient(
    clientId: string,
    clientSecret: string,
  ): Promise<{ owner: TokenOwner } | { failure: LoginFailure }> {
    const client = await clients.credentials(clientId);
    const matches = await matchesEither(client, clientSecret, now());
    if (!client) return { failure: 'unknown_client' };
    if (!matches) return { failure: 'wrong_secret' };
    if (client.revoked) return { failure: 'revoked_client' };
    return { owner: { clientId, departmentId: client.departmentId } };
  }

  async function matchesEither(client: ClientCredentials | undefined, secret: string, at: number) {
    const stored = client ?? unknownClient;
    if (await secretMatches(secret, stored.secretSalt, stored.secretHash)) return true;
    const previous = client?.previous;
    return previous !== undefined && previous.expiresAt > at
      ? secretMatches(secret, previous.secretSalt, previous.secretHash)
      : false;
  }

  return {
    authenticateClient,
    /** A token for the client whose secret this is, or why not. */
    async issue(
      clientId: string,
      clientSecret: string,
    ): Promise<{ accessToken: string; expiresIn: number; owner: TokenOwner } | { failure: LoginFailure }> {
      const authenticated = await authenticateClient(clientId, clientSecret);
      if ('failure' in authenticated) return authenticated;
      const { owner } = authenticated;
      if (++issued % 100 === 0) await tokens.purgeExpired(now());
      const accessToken = randomBytes(32).toString('base64url');
      const saved = await tokens.save(hashToken(accessToken), {
        ...owner,
        expiresAt: now() + ttlSeconds * 1000,
      });
      // Revoked between the check above and the save: the store refused the token.
      if (!saved) return { failure: 'revoked_client' };
      return { accessToken, expiresIn: ttlSeconds, owner };
    },
    /** Revokes `token` if it is `owner`'s (RFC 7009); another client's token, or none, is left alone. */
    async revoke(token: string, owner: TokenOwner): Promise<boolean> {
      return tokens.revoke(hashToken(token), owner.clientId);
    },
    async resolve(accessToken: string): Promise<TokenOwner> {
      const stored = await tokens.find(hashToken(accessToken));
      if (!stored)
        throw new Problem(
          'auth.invalid_token',
          'The bearer token is not one this exchange issued, or was revoked',
        );
      if (stored.expiresAt <= now()) throw new Problem('auth.invalid_token', 'The bearer token has expired');
      return { clientId: stored.clientId, departmentId: stored.departmentId };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
