import type { Jwk, Jwks } from '../../generated';
import { canonicalJson } from '../../json/canonical-json';
import { fromBase64Url, toHex } from '../encoding';

/** One public key of `GET /v1/.well-known/receipt-keys` (the spec's `Jwk`: OKP, Ed25519). */
export type ReceiptPublicKey = Jwk;

export type ReceiptVerification =
  | { valid: true; kid: string }
  | {
      valid: false;
      reason: 'malformed' | 'unsupported_algorithm' | 'unknown_key' | 'bad_signature' | 'hash_mismatch';
    };

export interface VerifyReceiptOptions {
  /**
   * The accepted operations as the receipt covers them, in order (`{ op: "upsert", record }` or
   * `{ op: "delete", key }`). When given, the receipt's `hash` must be their canonical SHA-256.
   */
  operations?: unknown[];
}

/**
 * Checks that a batch receipt was signed by the exchange and not altered since: the Ed25519 signature over the
 * canonical JSON (RFC 8785) of every receipt field except `signature`, with the key named by `kid`.
 * Uses Web Crypto, so it runs in Node 20+ and in browsers alike; it never throws on bad input.
 */
export async function verifyReceipt(
  receipt: unknown,
  keys: Jwks | Jwk[],
  options: VerifyReceiptOptions = {},
): Promise<ReceiptVerification> {
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) return invalid('malformed');
  const { signature, ...signed } = receipt as Record<string, unknown>;
  if (typeof signature !== 'string' || typeof signed.kid !== 'string') return invalid('malformed');
  if (signed.alg !== 'Ed25519') return invalid('unsupported_algorithm');
  const signatureBytes = fromBase64Url(signature);
  if (signatureBytes?.length !== 64) return invalid('bad_signature');

  const keyList = Array.isArray(keys) ? keys : keys.keys;
  const jwk = keyList.find((key) => key.kid === signed.kid);
  if (!jwk) return invalid('unknown_key');

  let message: Uint8Array;
  try {
    message = new TextEncoder().encode(canonicalJson(signed));
  } catch {
    return invalid('malformed');
  }
  try {
    const key = await importedKey(jwk);
    const ok = await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      signatureBytes as Uint8Array<ArrayBuffer>,
      message as Uint8Array<ArrayBuffer>,
    );
    if (!ok) return invalid('bad_signature');
  } catch {
    return invalid('unknown_key');
  }

  if (options.operations) {
    const expected = await operationsHash(options.operations);
    if (expected !== signed.hash) return invalid('hash_mismatch');
  }
  return { valid: true, kid: signed.kid };
}

// A sync verifies one receipt per batch with the same few keys: each is imported once.
const imported = new WeakMap<Jwk, Promise<CryptoKey>>();

function importedKey(jwk: Jwk): Promise<CryptoKey> {
  let key = imported.get(jwk);
  if (!key) {
    key = crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    imported.set(jwk, key);
  }
  return key;
}

/** SHA-256 hex of the canonical JSON of a batch's accepted operations — the receipt's `hash`. */
export async function operationsHash(operations: unknown[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(operations)));
  return toHex(digest);
}

function invalid(
  reason: Extract<ReceiptVerification, { valid: false }>['reason'],
): Extract<ReceiptVerification, { valid: false }> {
  return { valid: false, reason };
}
