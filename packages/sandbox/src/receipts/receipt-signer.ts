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
import { sealSecret, unsealSecret } from '../auth/client-secrets';
import { SealingKeyError } from '../auth/sealing-key';
import type { ReceiptKeyStore, StoredReceiptKey } from '../storage/ports';

export interface ReceiptSigner {
  kid: string;
  /**
   * The JWKS served at `/v1/.well-known/receipt-keys`: every key ever used, so old receipts still verify — read
   * from the store on each call, so that a key another instance added (a rotation) is published here too.
   */
  jwks(): Promise<{ keys: Jwk[] }>;
  /** Adds `kid`, `alg` and `signature` (base64url Ed25519 over the canonical JSON of the rest). */
  sign<T extends Record<string, unknown>>(fields: T): T & { kid: string; alg: 'Ed25519'; signature: string };
}

/**
 * The exchange's receipt key: the newest in the database signs, and every key ever used stays published, so a
 * receipt issued before a restart or a rotation still verifies after it. The private key is stored only
 * sealed with the sealing key. `rotate` starts signing with a new key. The key id is the RFC 7638 thumbprint.
 */
export async function loadReceiptSigner(
  store: ReceiptKeyStore,
  now: () => number,
  sealingKey: Buffer,
  options: { rotate?: boolean } = {},
): Promise<ReceiptSigner> {
  let row = await store.newest();
  if (!row || options.rotate) {
    await store.add(
      sealedReceiptKey(generateKeyPairSync('ed25519').privateKey, sealingKey),
      new Date(now()).toISOString(),
    );
    // The newest after adding, not ours: instances starting together on an empty database each add a key, and
    // then all sign with the same one (the last added); the others stay published, unused.
    row = (await store.newest())!;
  }
  const privateKey = unsealReceiptKey(row.privateKeySealed, sealingKey);
  if (!privateKey) throw new SealingKeyError(`the sealing key does not open receipt key ${row.kid}`);
  // A sanity check that the stored private key matches its published public half.
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (x !== row.publicX) throw new Error('receipt key in the database is inconsistent');
  const kid = row.kid;

  return {
    kid,
    jwks: async () => ({
      keys: (await store.all()).map(
        (key): Jwk => ({ kid: key.kid, kty: 'OKP', crv: 'Ed25519', x: key.publicX, use: 'sig' }),
      ),
    }),
    sign(fields) {
      const unsigned = { ...fields, kid, alg: 'Ed25519' as const };
      const signature = sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), privateKey).toString(
        'base64url',
      );
      return { ...unsigned, signature };
    },
  };
}

/** A receipt key as it is stored: its RFC 7638 thumbprint, the private half sealed, the public half. */
export function sealedReceiptKey(privateKey: KeyObject, sealingKey: Buffer): StoredReceiptKey {
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  return { kid: thumbprint(x), privateKeySealed: sealReceiptKey(privateKey, sealingKey), publicX: x };
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
