import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Problem } from '../problems/problem';
import type { ClientStore, NonceStore } from '../storage/ports';
import type { TokenOwner } from './access-tokens';
import { unsealSecret } from './client-secrets';

export const signatureWindowMs = 5 * 60 * 1000;

export interface SignedRequest {
  clientId: string;
  timestamp: string;
  nonce: string;
  signature: string;
  method: string;
  /** Path and query exactly as sent. */
  pathWithQuery: string;
  body: Buffer | undefined;
}

/**
 * Verifies the `hmacSignature` scheme: base64(HMAC-SHA256(secret, clientId \n timestamp \n nonce \n METHOD \n
 * pathWithQuery \n sha256hex(body))). The signature is checked before the nonce is spent, so forged requests
 * cannot burn a client's nonces; a nonce is then accepted once and remembered until its timestamp leaves the window.
 */
export function createHmacVerifier(
  clients: ClientStore,
  nonces: NonceStore,
  sealingKey: Buffer,
  now: () => number,
) {
  let spent = 0;

  return async (request: SignedRequest): Promise<TokenOwner> => {
    if (!/^\d{1,16}$/.test(request.timestamp)) {
      throw new Problem('auth.invalid_signature', 'X-Timestamp must be milliseconds since the epoch');
    }
    if (request.nonce.length < 16 || request.nonce.length > 128) {
      throw new Problem('auth.invalid_signature', 'X-Nonce must be 16 to 128 characters');
    }
    const given = signatureBytes(request.signature);
    if (!given) {
      throw new Problem(
        'auth.invalid_signature',
        'X-Signature must be the padded base64 of the 32-byte HMAC-SHA256 (44 characters)',
      );
    }
    const client = await clients.credentials(request.clientId);
    // A revoked client signs nothing; answered as an unknown one.
    if (!client || client.revoked) throw new Problem('auth.invalid_signature', 'Unknown X-Client-Id');

    const stringToSign = [
      request.clientId,
      request.timestamp,
      request.nonce,
      request.method.toUpperCase(),
      request.pathWithQuery,
      createHash('sha256')
        .update(request.body ?? Buffer.alloc(0))
        .digest('hex'),
    ].join('\n');
    // The current key, or the previous one while its grace period after a rotation lasts.
    const keys = [client.hmacKeySealed];
    if (client.previous && client.previous.expiresAt > now()) keys.push(client.previous.hmacKeySealed);
    const signedWith = keys.some((sealed) => {
      const secret = unsealSecret(sealed, sealingKey);
      if (!secret) return false;
      const expected = createHmac('sha256', secret).update(stringToSign).digest();
      secret.fill(0);
      return timingSafeEqual(given, expected);
    });
    if (!signedWith) {
      throw new Problem('auth.invalid_signature', 'X-Signature does not match the request');
    }

    const timestamp = Number(request.timestamp);
    const current = now();
    if (Math.abs(current - timestamp) > signatureWindowMs) {
      throw new Problem(
        'auth.timestamp_out_of_window',
        `X-Timestamp is ${Math.round((current - timestamp) / 1000)} s away from the server time`,
      );
    }
    if (++spent % 1000 === 0) await nonces.purgeExpired(current);
    const fresh = await nonces.spend(request.clientId, request.nonce, timestamp + signatureWindowMs);
    if (!fresh) throw new Problem('auth.nonce_reused', 'This X-Nonce was already used by this client');
    return { clientId: request.clientId, departmentId: client.departmentId };
  };
}

export type HmacVerifier = ReturnType<typeof createHmacVerifier>;

/**
 * The 32 bytes of an X-Signature in the one encoding the spec and the SDK use: standard base64 with padding
 * (RFC 4648 §4), canonical — it must encode back to exactly the text sent. `Buffer.from(…, 'base64')` alone would
 * skip junk characters, take url-safe ones and ignore unused bits, so that many texts would pass as one signature.
 */
function signatureBytes(signature: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(signature)) return undefined;
  const bytes = Buffer.from(signature, 'base64');
  return bytes.toString('base64') === signature ? bytes : undefined;
}
