import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, sealSecret, secretMatches, unsealSecret } from './client-secrets';

describe('client secrets', () => {
  it('are stored as scrypt hashes that match only the secret', async () => {
    const { salt, hash } = hashSecret('gongan-demo-secret-2f9c1e7a');
    expect(hash.toString('utf8')).not.toContain('gongan');
    expect(await secretMatches('gongan-demo-secret-2f9c1e7a', salt, hash)).toBe(true);
    expect(await secretMatches('gongan-demo-secret-2f9c1e7b', salt, hash)).toBe(false);
    expect(await secretMatches('', salt, hash)).toBe(false);
  });

  it('hash the same secret differently each time (salted)', () => {
    expect(hashSecret('same-secret-value-1234').hash.equals(hashSecret('same-secret-value-1234').hash)).toBe(
      false,
    );
  });

  it('are sealed for HMAC with a key outside the database, and unreadable without it', () => {
    const key = randomBytes(32);
    const sealed = sealSecret('minzheng-demo-secret-8b4d0c3f', key);
    expect(sealed.toString('latin1')).not.toContain('minzheng');
    expect(unsealSecret(sealed, key)?.toString('utf8')).toBe('minzheng-demo-secret-8b4d0c3f');
    expect(unsealSecret(sealed, randomBytes(32))).toBeUndefined();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(unsealSecret(tampered, key)).toBeUndefined();
  });
});
