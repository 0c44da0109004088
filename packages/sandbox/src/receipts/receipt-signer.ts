import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { canonicalJson } from '@unsilo/sdk';
import type { Database } from 'better-sqlite3';

export interface ReceiptJwk {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  use: 'sig';
}

export interface ReceiptSigner {
  kid: string;
  /** The JWKS served at `/v1/.well-known/receipt-keys` (every key ever used, so old receipts still verify). */
  jwks(): { keys: ReceiptJwk[] };
  /** Adds `kid`, `alg` and `signature` (base64url Ed25519 over the canonical JSON of the rest). */
  sign<T extends Record<string, unknown>>(fields: T): T & { kid: string; alg: 'Ed25519'; signature: string };
}

/**
 * The exchange's receipt key. Created once and kept in the database, so a receipt issued before a restart
 * still verifies after it. The key id is the RFC 7638 JWK thumbprint.
 */
export function loadReceiptSigner(db: Database, now: () => number): ReceiptSigner {
  let row = db
    .prepare('SELECT kid, private_key, public_x FROM receipt_keys ORDER BY created_at DESC LIMIT 1')
    .get() as { kid: string; private_key: Buffer; public_x: string } | undefined;
  if (!row) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = publicKey.export({ format: 'jwk' }).x!;
    const kid = thumbprint(x);
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    db.prepare('INSERT INTO receipt_keys (kid, private_key, public_x, created_at) VALUES (?, ?, ?, ?)').run(
      kid,
      der,
      x,
      new Date(now()).toISOString(),
    );
    row = { kid, private_key: der, public_x: x };
  }
  const privateKey: KeyObject = createPrivateKey({ key: row.private_key, format: 'der', type: 'pkcs8' });
  const kid = row.kid;
  const keys = (
    db.prepare('SELECT kid, public_x FROM receipt_keys ORDER BY created_at').all() as Array<{
      kid: string;
      public_x: string;
    }>
  ).map((key): ReceiptJwk => ({ kid: key.kid, kty: 'OKP', crv: 'Ed25519', x: key.public_x, use: 'sig' }));
  // A sanity check that the stored private key matches its published public half.
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (x !== row.public_x) throw new Error('receipt key in the database is inconsistent');

  return {
    kid,
    jwks: () => ({ keys }),
    sign(fields) {
      const unsigned = { ...fields, kid, alg: 'Ed25519' as const };
      const signature = sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), privateKey).toString(
        'base64url',
      );
      return { ...unsigned, signature };
    },
  };
}

function thumbprint(x: string): string {
  return createHash('sha256')
    .update(canonicalJson({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}
