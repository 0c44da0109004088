// Issue 12, finding 10: secrets at rest. The data files are private to their owner, the receipt-signing key is
// stored only sealed with a configured key, and both the receipt key and the sealing key can be rotated.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, readMigrations, type SandboxOptions, startSandbox } from '@unsilo/sandbox';
import { canonicalJson, verifyReceipt } from '@unsilo/sdk';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { clientFor } from '../sandbox/support/client';
import { entryFor, publishEntry, recordsFor } from '../sandbox/support/demo';

/** The fixed head of every Ed25519 private key in PKCS#8 DER (RFC 8410): the 32 key bytes follow it. */
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unsilo-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function modeOf(file: string): string {
  return (statSync(file).mode & 0o777).toString(8);
}

/** The bytes SQLite keeps for the data: the file, and its write-ahead log when one is left. */
function storedBytes(dataFile: string): Buffer {
  const wal = `${dataFile}-wal`;
  return Buffer.concat([readFileSync(dataFile), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

function base64Key(): string {
  return randomBytes(32).toString('base64');
}

/** Starts on `dataFile`, publishes a catalogue entry and pushes one batch; returns the batch's receipt. */
async function pushOneBatch(options: SandboxOptions, sequence: number) {
  // The seed's selfApprove holds only for the start that applies it; a restart must ask again.
  const sandbox = await startSandbox({ selfApprove: true, ...options });
  try {
    const gongan = clientFor(sandbox.url, 'gongan');
    const entry = entryFor('gongan', sequence);
    await publishEntry(gongan, entry);
    const batch = await gongan.records.batch(entry.code, { upsert: recordsFor(3, `S${sequence}-`) });
    return batch.data.receipt;
  } finally {
    await sandbox.close();
  }
}

async function receiptKeysOf(options: SandboxOptions) {
  const sandbox = await startSandbox(options);
  try {
    return (await clientFor(sandbox.url, 'gongan').receiptKeys()).data;
  } finally {
    await sandbox.close();
  }
}

describe('secrets at rest (issue 12, finding 10)', () => {
  it('creates the data folder 0700 and the data file, its WAL, its shared memory and the key file 0600 (umask 022)', async () => {
    const dataFile = join(tempDir(), '.unsilo', 'sandbox.db');
    const sandbox = await startSandbox({ dataFile });
    try {
      expect({
        folder: modeOf(join(dataFile, '..')),
        data: modeOf(dataFile),
        wal: modeOf(`${dataFile}-wal`),
        shm: modeOf(`${dataFile}-shm`),
        key: modeOf(`${dataFile}.key`),
      }).toEqual({ folder: '700', data: '600', wal: '600', shm: '600', key: '600' });
    } finally {
      await sandbox.close();
    }
  });

  it('makes a data file left world-readable by an earlier version private again', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    writeFileSync(dataFile, '');
    chmodSync(dataFile, 0o644);
    const sandbox = await startSandbox({ dataFile, sealingKey: base64Key() });
    await sandbox.close();
    expect(modeOf(dataFile)).toBe('600');
  });

  it('never stores the receipt-signing private key in clear', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    await pushOneBatch({ dataFile }, 1);
    expect(storedBytes(dataFile).includes(ed25519Pkcs8Prefix)).toBe(false);
  });

  it('seals the clear key an earlier version left, erases its bytes, and its receipts still verify', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    const { der, receipt } = writeEarlierVersionData(dataFile);
    expect(storedBytes(dataFile).includes(der)).toBe(true);

    const keys = await receiptKeysOf({ dataFile });
    expect(keys.keys.map((key) => key.kid)).toEqual([receipt.kid]);
    expect(await verifyReceipt(receipt, keys)).toEqual({ valid: true, kid: receipt.kid });
    const stored = storedBytes(dataFile);
    expect({ key: stored.includes(der), prefix: stored.includes(ed25519Pkcs8Prefix) }).toEqual({
      key: false,
      prefix: false,
    });
    // The key is still the one that signs: a restart keeps it.
    const after = await pushOneBatch({ dataFile }, 2);
    expect(after.kid).toBe(receipt.kid);
  });

  it('keeps receipts verifiable across a restart and a receipt-key rotation; old keys stay published', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    const sealingKey = base64Key();
    const first = await pushOneBatch({ dataFile, sealingKey }, 1);
    const afterRestart = await receiptKeysOf({ dataFile, sealingKey });
    expect(afterRestart.keys.map((key) => key.kid)).toEqual([first.kid]);
    expect(await verifyReceipt(first, afterRestart)).toEqual({ valid: true, kid: first.kid });

    const second = await pushOneBatch({ dataFile, sealingKey, rotateReceiptKey: true }, 2);
    expect(second.kid).not.toBe(first.kid);
    const afterRotation = await receiptKeysOf({ dataFile, sealingKey });
    expect(afterRotation.keys.map((key) => key.kid)).toEqual([first.kid, second.kid]);
    expect(await verifyReceipt(first, afterRotation)).toEqual({ valid: true, kid: first.kid });
    expect(await verifyReceipt(second, afterRotation)).toEqual({ valid: true, kid: second.kid });
    // Without the option the newest key keeps signing.
    expect((await pushOneBatch({ dataFile, sealingKey }, 3)).kid).toBe(second.kid);
  });

  it('refuses to start with a wrong sealing key, says what to do, and changes nothing', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    const sealingKey = base64Key();
    const receipt = await pushOneBatch({ dataFile, sealingKey }, 1);
    const before = readFileSync(dataFile);

    await expect(startSandbox({ dataFile, sealingKey: base64Key() })).rejects.toMatchObject({
      name: 'SealingKeyError',
      message: expect.stringContaining(
        `the sealing key (option sealingKey) does not open 7 of the 7 secrets sealed in ${dataFile}`,
      ),
    });
    expect(readFileSync(dataFile).equals(before)).toBe(true);
    expect(await verifyReceipt(receipt, await receiptKeysOf({ dataFile, sealingKey }))).toEqual({
      valid: true,
      kid: receipt.kid,
    });
  });

  it('rotates the sealing key: the previous key opens, everything is re-sealed with the new one in one go', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    const oldKey = base64Key();
    const newKey = base64Key();
    const receipt = await pushOneBatch({ dataFile, sealingKey: oldKey }, 1);

    const rotated = await startSandbox({ dataFile, sealingKey: newKey, previousSealingKey: oldKey });
    try {
      // HMAC keys were re-sealed: a signed request is recomputed with the secret opened by the new key.
      expect((await clientFor(rotated.url, 'minzheng', 'hmac').departments.me()).data.id).toBe('minzheng');
      const keys = (await clientFor(rotated.url, 'gongan').receiptKeys()).data;
      expect(await verifyReceipt(receipt, keys)).toEqual({ valid: true, kid: receipt.kid });
    } finally {
      await rotated.close();
    }
    // From now on the new key alone opens everything, and the old one no longer does.
    const again = await pushOneBatch({ dataFile, sealingKey: newKey }, 2);
    expect(again.kid).toBe(receipt.kid);
    await expect(startSandbox({ dataFile, sealingKey: oldKey })).rejects.toMatchObject({
      name: 'SealingKeyError',
    });
  });

  it('takes the sealing key from UNSILO_SEALING_KEY, before the default key file', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    const sealingKey = base64Key();
    process.env.UNSILO_SEALING_KEY = sealingKey;
    try {
      await pushOneBatch({ dataFile }, 1);
    } finally {
      delete process.env.UNSILO_SEALING_KEY;
    }
    expect(existsSync(`${dataFile}.key`)).toBe(false);
    expect((await receiptKeysOf({ dataFile, sealingKey })).keys).toHaveLength(1);

    // Rotation by environment: UNSILO_SEALING_KEY_PREVIOUS opens, the new UNSILO_SEALING_KEY re-seals.
    const newKey = base64Key();
    process.env.UNSILO_SEALING_KEY = newKey;
    process.env.UNSILO_SEALING_KEY_PREVIOUS = sealingKey;
    try {
      await receiptKeysOf({ dataFile });
    } finally {
      delete process.env.UNSILO_SEALING_KEY;
      delete process.env.UNSILO_SEALING_KEY_PREVIOUS;
    }
    expect((await receiptKeysOf({ dataFile, sealingKey: newKey })).keys).toHaveLength(1);
  });

  it('refuses to replace a missing default key file when the data holds secrets sealed with it', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    await pushOneBatch({ dataFile }, 1);
    rmSync(`${dataFile}.key`);
    await expect(startSandbox({ dataFile })).rejects.toMatchObject({
      name: 'SealingKeyError',
      message: expect.stringContaining(
        `${dataFile} holds secrets sealed with a key that is not here: ${dataFile}.key is missing`,
      ),
    });
    expect(existsSync(`${dataFile}.key`)).toBe(false);
  });

  it('refuses a key file that group or others may read, saying to chmod 600 it', async () => {
    const dir = tempDir();
    const keyFile = join(dir, 'sealing.key');
    writeFileSync(keyFile, `${base64Key()}\n`);
    chmodSync(keyFile, 0o644);
    await expect(
      startSandbox({ dataFile: join(dir, 'sandbox.db'), sealingKeyFile: keyFile }),
    ).rejects.toMatchObject({
      name: 'SealingKeyError',
      message: expect.stringContaining(
        `sealing key file ${keyFile} is open to group or others (mode 644): run chmod 600 ${keyFile}`,
      ),
    });
    expect(existsSync(join(dir, 'sandbox.db'))).toBe(false);
  });

  it('refuses a default key file that is not a key instead of replacing it', async () => {
    const dataFile = join(tempDir(), 'sandbox.db');
    await pushOneBatch({ dataFile }, 1);
    writeFileSync(`${dataFile}.key`, 'not a key\n', { mode: 0o600 });
    await expect(startSandbox({ dataFile })).rejects.toMatchObject({
      name: 'SealingKeyError',
      message: expect.stringContaining(`sealing key file ${dataFile}.key must hold base64 of 32 bytes`),
    });
    expect(readFileSync(`${dataFile}.key`, 'utf8')).toBe('not a key\n');
  });

  it('unsilo sandbox: --sealing-key-file is checked, and a bad one stops with exit 2 and the message', async () => {
    const dir = tempDir();
    const keyFile = join(dir, 'sealing.key');
    writeFileSync(keyFile, `${base64Key()}\n`, { mode: 0o640 });
    chmodSync(keyFile, 0o640);
    const result = await runCli(['sandbox', '--port', '0', '--data', 'x.db', '--sealing-key-file', keyFile], {
      cwd: dir,
      env: { LANG: 'en_US.UTF-8' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`run chmod 600 ${keyFile}`);
  });
});

/**
 * A data file as the version before the fix left it: every migration before 007, and a receipt key in clear
 * in `receipt_keys.private_key`, with a receipt signed by it.
 */
function writeEarlierVersionData(dataFile: string) {
  const db = new BetterSqlite3(dataFile);
  migrate(
    db,
    readMigrations().filter((migration) => migration.version < 7),
  );
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  const kid = createHash('sha256')
    .update(canonicalJson({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  db.prepare('INSERT INTO receipt_keys (kid, private_key, public_x, created_at) VALUES (?, ?, ?, ?)').run(
    kid,
    der,
    x,
    '2026-01-01T00:00:00.000Z',
  );
  db.close();
  const unsigned = {
    resource: '307001030801/000001',
    batchId: 'b-earlier',
    idempotencyKey: 'k-earlier',
    count: 1,
    accepted: 1,
    rejected: 0,
    hash: 'a'.repeat(64),
    serverTime: '2026-01-01T00:00:00.000Z',
    kid,
    alg: 'Ed25519' as const,
  };
  const signature = sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), privateKey).toString(
    'base64url',
  );
  return { der, receipt: { ...unsigned, signature } };
}
