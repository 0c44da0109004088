import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { canonicalJson } from '@unsilo/sdk/json';
import type { Jwk } from '@unsilo/sdk/schemas';
import type { Database } from 'better-sqlite3';
import { sealSecret, unsealSecret } from '../auth/client-secrets';
import { SealingKeyError } from '../auth/sealing-key';

export interface ReceiptSigner {
  kid: string;
  /** The JWKS served at `/v1/.well-known/receipt-keys` (every key ever used, so old receipts still verify). */
  jwks(): { keys: Jwk[] };
  /** Adds `kid`, `alg` and `signature` (base64url Ed25519 over the canonical JSON of the rest). */
  sign<T extends Record<string, unknown>>(fields: T): T & { kid: string; alg: 'Ed25519'; signature: string };
}

interface StoredReceiptKey {
  kid: string;
  private_key_sealed: Buffer;
  public_x: string;
}

/**
 * The exchange's receipt key: the newest in the database signs, and every key ever used stays published, so a
 * receipt issued before a restart or a rotation still verifies after it. The private key is stored only
 * sealed with the sealing key. `rotate` starts signing with a new key. The key id is the RFC 7638 thumbprint.
 */
export function loadReceiptSigner(
  db: Database,
  now: () => number,
  sealingKey: Buffer,
  options: { rotate?: boolean } = {},
): ReceiptSigner {
  let row = db
    .prepare('SELECT kid, private_key_sealed, public_x FROM receipt_keys ORDER BY seq DESC LIMIT 1')
    .get() as StoredReceiptKey | undefined;
  if (!row || options.rotate) row = addReceiptKey(db, now, sealingKey);
  const privateKey = unsealReceiptKey(row.private_key_sealed, sealingKey);
  if (!privateKey) throw new SealingKeyError(`the sealing key does not open receipt key ${row.kid}`);
  // A sanity check that the stored private key matches its published public half.
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (x !== row.public_x) throw new Error('receipt key in the database is inconsistent');
  const kid = row.kid;
  const keys = (
    db.prepare('SELECT kid, public_x FROM receipt_keys ORDER BY seq').all() as Array<{
      kid: string;
      public_x: string;
    }>
  ).map((key): Jwk => ({ kid: key.kid, kty: 'OKP', crv: 'Ed25519', x: key.public_x, use: 'sig' }));

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

/** Stores a receipt key (sealed) after the others, so it is the one that signs from now on. */
export function storeReceiptKey(db: Database, privateKey: KeyObject, sealingKey: Buffer, createdAt: string) {
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  const row: StoredReceiptKey = {
    kid: thumbprint(x),
    private_key_sealed: sealReceiptKey(privateKey, sealingKey),
    public_x: x,
  };
  db.prepare(
    'INSERT INTO receipt_keys (kid, private_key_sealed, public_x, created_at) VALUES (?, ?, ?, ?)',
  ).run(row.kid, row.private_key_sealed, row.public_x, createdAt);
  return row;
}

function addReceiptKey(db: Database, now: () => number, sealingKey: Buffer): StoredReceiptKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return storeReceiptKey(db, privateKey, sealingKey, new Date(now()).toISOString());
}

/** Sealed as PKCS#8 PEM: text, like the HMAC secrets, so one re-sealing path serves both. */
function sealReceiptKey(privateKey: KeyObject, sealingKey: Buffer): Buffer {
  return sealSecret(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, sealingKey);
}

function unsealReceiptKey(sealed: Buffer, sealingKey: Buffer): KeyObject | undefined {
  const pem = unsealSecret(sealed, sealingKey);
  if (!pem) return undefined;
  const key = createPrivateKey({ key: pem, format: 'pem' });
  pem.fill(0);
  return key;
}

function thumbprint(x: string): string {
  return createHash('sha256')
    .update(canonicalJson({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}
