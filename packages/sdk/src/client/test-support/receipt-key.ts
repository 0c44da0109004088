import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Jwk } from '../../generated';

/**
 * The exchange's side of a receipt, for tests: a fresh Ed25519 key that node:crypto signs with, and its public
 * JWK as `GET /.well-known/receipt-keys` lists it. The code under test verifies with Web Crypto, so the two
 * sides are independent.
 */
export function receiptSigningKey(kid = 'k1'): { privateKey: KeyObject; jwk: Jwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk: Jwk = { kid, kty: 'OKP', crv: 'Ed25519', x: publicKey.export({ format: 'jwk' }).x!, use: 'sig' };
  return { privateKey, jwk };
}
