import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { availableParallelism } from 'node:os';

const scryptParams = { N: 16384, r: 8, p: 1 } as const;
// scrypt is pure CPU: at most one fewer check at a time than the machine has cores, so that secret checks — a
// guesser's included — always leave a core to the event loop. The others wait their turn, in arrival order.
const scryptSlots = Math.max(1, availableParallelism() - 1);
let scryptRunning = 0;
const scryptWaiting: Array<() => void> = [];

/** scrypt hash of a client secret, for the client-credentials grant; the clear secret is never stored. Used when
 * seeding (at start-up), never on a request. */
export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): { salt: Buffer; hash: Buffer } {
  return { salt, hash: scryptSync(secret, salt, 32, scryptParams) };
}

/** A new client secret (256 random bits, base64url) with its scrypt hash, computed off the event loop: for the
 * authority's operations, which create secrets on a request. */
export async function newSecret(): Promise<{ secret: string; salt: Buffer; hash: Buffer }> {
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, 32, scryptParams, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return { secret, salt, hash };
}

/**
 * Whether a secret matches its stored hash. scrypt runs on libuv's thread pool (tens of ms of CPU per call), so
 * that password guessing does not stall every other request on the event loop.
 */
export async function secretMatches(secret: string, salt: Buffer, hash: Buffer): Promise<boolean> {
  if (scryptRunning < scryptSlots) scryptRunning++;
  else await new Promise<void>((resolve) => scryptWaiting.push(resolve));
  try {
    const candidate = await new Promise<Buffer>((resolve, reject) =>
      scrypt(secret, salt, 32, scryptParams, (error, key) => (error ? reject(error) : resolve(key))),
    );
    return candidate.length === hash.length && timingSafeEqual(candidate, hash);
  } finally {
    // The slot passes straight to the next waiting check, if any.
    const next = scryptWaiting.shift();
    if (next) next();
    else scryptRunning--;
  }
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
