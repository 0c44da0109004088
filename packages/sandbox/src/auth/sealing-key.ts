import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The key that seals HMAC secrets: `<data file>.key` beside the database (created with mode 0600), or a fresh
 * in-memory key for an in-memory exchange.
 */
export function loadSealingKey(dataFile: string | undefined): Buffer {
  if (!dataFile) return randomBytes(32);
  const keyFile = `${dataFile}.key`;
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length === 32) return key;
  }
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return key;
}
