import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../json/canonical-json';
import { receiptSigningKey } from '../test-support/receipt-key';
import { operationsHash, verifyReceipt } from './verify-receipt';

// The exchange's side, done independently with node:crypto: the verifier under test uses Web Crypto.
const { privateKey, jwk } = receiptSigningKey();
const other = generateKeyPairSync('ed25519');

const operations = [
  { op: 'upsert', record: { gmsfhm: '11010519491231002X', xm: '张三', xb: '1' } },
  { op: 'delete', key: { gmsfhm: '110105194912310021' } },
];

function signedReceipt(signWith = privateKey) {
  const unsigned = {
    kid: 'k1',
    alg: 'Ed25519',
    resource: '307001030801/000012',
    batchId: '0b7c3c1e-2f4d-4a59-9c1e-2d3f4a5b6c7d',
    idempotencyKey: '307001030801-000012-b0-5f0c1e2a',
    count: 3,
    accepted: 2,
    rejected: 1,
    hash: createHash('sha256').update(canonicalJson(operations)).digest('hex'),
    serverTime: '2026-11-26T08:00:00.000Z',
  };
  return {
    ...unsigned,
    signature: sign(null, Buffer.from(canonicalJson(unsigned)), signWith).toString('base64url'),
  };
}

async function reasonOf(...args: Parameters<typeof verifyReceipt>): Promise<string> {
  const result = await verifyReceipt(...args);
  return result.valid ? 'valid' : result.reason;
}

describe('verifyReceipt', () => {
  it('accepts a receipt signed by a published key, given a JWKS or a key list', async () => {
    expect(await verifyReceipt(signedReceipt(), { keys: [jwk] })).toEqual({ valid: true, kid: 'k1' });
    expect(await verifyReceipt(signedReceipt(), [jwk])).toEqual({ valid: true, kid: 'k1' });
  });

  it('does not depend on the order of the receipt members', async () => {
    const receipt = signedReceipt();
    const reordered = Object.fromEntries(Object.entries(receipt).reverse());
    expect(await reasonOf(reordered, [jwk])).toBe('valid');
  });

  const tamperings: Array<[string, unknown]> = [
    ['resource', '307001030801/000013'],
    ['batchId', '0b7c3c1e-2f4d-4a59-9c1e-2d3f4a5b6c7e'],
    ['idempotencyKey', 'another-key'],
    ['count', 4],
    ['accepted', 3],
    ['rejected', 0],
    ['hash', '0'.repeat(64)],
    ['serverTime', '2026-11-26T08:00:00.001Z'],
  ];
  it.each(tamperings)('refuses a receipt whose %s was changed', async (field, value) => {
    const receipt = { ...signedReceipt(), [field]: value };
    expect(await verifyReceipt(receipt, [jwk])).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('refuses an added member', async () => {
    expect(await verifyReceipt({ ...signedReceipt(), note: 'x' }, [jwk])).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a flipped signature bit, a foreign signer, an unknown kid and a changed algorithm', async () => {
    const receipt = signedReceipt();
    const bytes = Buffer.from(receipt.signature, 'base64url');
    bytes[10]! ^= 1;
    expect(await reasonOf({ ...receipt, signature: bytes.toString('base64url') }, [jwk])).toBe(
      'bad_signature',
    );
    expect(await reasonOf(signedReceipt(other.privateKey), [jwk])).toBe('bad_signature');
    expect(await reasonOf({ ...receipt, kid: 'k2' }, [jwk])).toBe('unknown_key');
    expect(await reasonOf({ ...receipt, alg: 'HS256' }, [jwk])).toBe('unsupported_algorithm');
    const wrongKey = { ...jwk, x: other.publicKey.export({ format: 'jwk' }).x! };
    expect(await reasonOf(receipt, [wrongKey])).toBe('bad_signature');
  });

  it('never throws on junk', async () => {
    for (const junk of [
      null,
      42,
      'receipt',
      [],
      {},
      { signature: 'not base64!', kid: 'k1', alg: 'Ed25519' },
    ]) {
      expect((await verifyReceipt(junk, [jwk])).valid).toBe(false);
    }
    expect((await verifyReceipt(signedReceipt(), [{ ...jwk, x: 'short' }])).valid).toBe(false);
  });

  it('checks the hash against the operations when they are given', async () => {
    expect(await operationsHash(operations)).toBe(signedReceipt().hash);
    expect((await verifyReceipt(signedReceipt(), [jwk], { operations })).valid).toBe(true);
    const altered = [operations[0], { op: 'delete', key: { gmsfhm: '110105194912310038' } }];
    expect(await verifyReceipt(signedReceipt(), [jwk], { operations: altered })).toEqual({
      valid: false,
      reason: 'hash_mismatch',
    });
  });
});
