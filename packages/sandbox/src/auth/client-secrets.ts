import { createCipheriv, createDecipheriv, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const scryptParams = { N: 16384, r: 8, p: 1 } as const;

/** scrypt hash of a client secret, for the client-credentials grant; the clear secret is never stored. */
export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): { salt: Buffer; hash: Buffer } {
  return { salt, hash: scryptSync(secret, salt, 32, scryptParams) };
}

export function secretMatches(secret: string, salt: Buffer, hash: Buffer): boolean {
  const candidate = scryptSync(secret, salt, 32, scryptParams);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}

/**
 * HMAC request signing is a shared-secret scheme: the server must recompute the signature, so a one-way hash
 * cannot serve. The secret is sealed with AES-256-GCM under a key kept outside the database file, so the
 * database alone (a backup, a copied file) does not reveal it.
 */
export function sealSecret(secret: string, sealingKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unsealSecret(sealed: Buffer, sealingKey: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    return undefined;
  }
}
