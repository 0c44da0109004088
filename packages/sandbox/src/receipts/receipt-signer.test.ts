import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyReceipt } from '@unsilo/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { createSqliteReceiptKeyStore } from '../storage/sqlite-receipt-keys';
import { loadReceiptSigner as loadWithStore } from './receipt-signer';

const loadReceiptSigner = (
  db: ReturnType<typeof openDatabase>,
  now: () => number,
  key: Buffer,
  options?: { rotate?: boolean },
) => loadWithStore(createSqliteReceiptKeyStore(db), now, key, options);

const dir = mkdtempSync(join(tmpdir(), 'unsilo-receipts-'));
const sealingKey = randomBytes(32);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('receipt signer', () => {
  const fields = {
    resource: '307001030801/000012',
    batchId: 'b1',
    idempotencyKey: 'k1',
    count: 1,
    accepted: 1,
    rejected: 0,
    hash: 'a'.repeat(64),
    serverTime: '2026-11-26T08:00:00.000Z',
  };

  it('signs receipts that the SDK verifies with the published JWKS', async () => {
    const db = openDatabase({ memory: true });
    const signer = await loadReceiptSigner(db, Date.now, sealingKey);
    const receipt = signer.sign(fields);
    expect(receipt).toMatchObject({ ...fields, kid: signer.kid, alg: 'Ed25519' });
    expect((await signer.jwks()).keys).toEqual([
      expect.objectContaining({ kid: signer.kid, kty: 'OKP', crv: 'Ed25519', use: 'sig' }),
    ]);
    expect(await verifyReceipt(receipt, await signer.jwks())).toEqual({ valid: true, kid: signer.kid });
    db.close();
  });

  it('keeps its key in the database, so receipts verify after a restart', async () => {
    const file = join(dir, 'sandbox.db');
    const first = openDatabase({ dataFile: file });
    const before = await loadReceiptSigner(first, Date.now, sealingKey);
    const receipt = before.sign(fields);
    first.close();

    const second = openDatabase({ dataFile: file });
    const after = await loadReceiptSigner(second, Date.now, sealingKey);
    expect(after.kid).toBe(before.kid);
    expect(await verifyReceipt(receipt, await after.jwks())).toEqual({ valid: true, kid: before.kid });
    second.close();
  });

  it('uses a fresh key per new exchange: one exchange cannot vouch for another', async () => {
    const a = openDatabase({ memory: true });
    const b = openDatabase({ memory: true });
    const receipt = (await loadReceiptSigner(a, Date.now, sealingKey)).sign(fields);
    const otherKeys = await (await loadReceiptSigner(b, Date.now, sealingKey)).jwks();
    expect((await verifyReceipt(receipt, otherKeys)).valid).toBe(false);
    a.close();
    b.close();
  });

  it('rotates: the new key signs, the old one stays published, and receipts of both verify', async () => {
    const db = openDatabase({ memory: true });
    const first = await loadReceiptSigner(db, Date.now, sealingKey);
    const old = first.sign(fields);
    const rotated = await loadReceiptSigner(db, Date.now, sealingKey, { rotate: true });
    expect(rotated.kid).not.toBe(first.kid);
    expect((await rotated.jwks()).keys.map((key) => key.kid)).toEqual([first.kid, rotated.kid]);
    expect(await verifyReceipt(old, await rotated.jwks())).toEqual({ valid: true, kid: first.kid });
    expect((await loadReceiptSigner(db, Date.now, sealingKey)).kid).toBe(rotated.kid);
    db.close();
  });

  it('refuses a sealing key that does not open the stored key', async () => {
    const db = openDatabase({ memory: true });
    const { kid } = await loadReceiptSigner(db, Date.now, sealingKey);
    await expect(loadReceiptSigner(db, Date.now, randomBytes(32))).rejects.toThrow(
      `the sealing key does not open receipt key ${kid}`,
    );
    db.close();
  });

  // Several instances on one database (issue 18): they start together on an empty one, and one rotates later.
  it('instances starting together sign with one key, and each publishes a key another added later', async () => {
    const db = openDatabase({ memory: true });
    const [a, b] = await Promise.all([
      loadReceiptSigner(db, Date.now, sealingKey),
      loadReceiptSigner(db, Date.now, sealingKey),
    ]);
    expect(a.kid).toBe(b.kid);
    const rotated = await loadReceiptSigner(db, Date.now, sealingKey, { rotate: true });
    const receipt = rotated.sign(fields);
    expect(await verifyReceipt(receipt, await a.jwks())).toEqual({ valid: true, kid: rotated.kid });
    db.close();
  });
});
