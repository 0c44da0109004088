import { describe, expect, it } from 'vitest';
import type { StoredResource } from '../catalog/resource-store';
import { Problem } from '../problems/problem';
import type { ReceiptSigner } from '../receipts/receipt-signer';
import type { BatchWrite, RecordStore, StoredBatchAnswer } from '../storage/ports';
import { type BatchContext, type BatchRequest, processBatch } from './process-batch';

const resource = {
  code: '307001030801/000001',
  entry: { code: '307001030801/000001', key: ['bh'], items: [{ key: 'bh', name: '编号' }] },
} as unknown as StoredResource;

const signer: ReceiptSigner = {
  kid: 'k',
  jwks: async () => ({ keys: [] }),
  sign: (fields) => ({ ...fields, kid: 'k', alg: 'Ed25519', signature: 's' }),
};

/** A record store whose key is free at the lookup and taken at the write: another request committed between. */
function storeTakenMeanwhile(previous: StoredBatchAnswer): RecordStore & { writes: number } {
  const store = {
    writes: 0,
    findBatch: async () => undefined,
    writeBatch: async (): Promise<BatchWrite> => {
      store.writes += 1;
      return { written: false, previous };
    },
    page: async () => [],
    filteredPage: async () => [],
    changesAfter: async () => [],
  };
  return store;
}

function requestOf(body: string): BatchRequest {
  return {
    departmentId: 'gongan',
    resource,
    idempotencyKey: 'key-1',
    rawBody: Buffer.from(body),
    upsert: [{ bh: 'A1' }],
    delete: [],
  };
}

function contextOf(records: RecordStore): BatchContext {
  return { records, signer, now: () => Date.parse('2026-12-05T08:00:00Z'), checkerFor: () => () => [] };
}

describe('a batch whose idempotency key another request took between the lookup and the write', () => {
  it('answers with the stored answer of that request when it carried the same body', async () => {
    const body = '{"upsert":[{"bh":"A1"}]}';
    // The hash the first request stored: found by a first run on a store that keeps what it is given.
    let stored: StoredBatchAnswer | undefined;
    await processBatch(
      contextOf({
        ...storeTakenMeanwhile({ requestHash: '', statusCode: 200, response: '' }),
        writeBatch: async (_code, _upserts, _deletes, batch) => {
          stored = { requestHash: batch.requestHash, statusCode: 200, response: '{"first":true}' };
          return { written: true };
        },
      }),
      requestOf(body),
    );
    const records = storeTakenMeanwhile(stored!);
    const answer = await processBatch(contextOf(records), requestOf(body));
    expect(answer).toEqual({ statusCode: 200, bytes: '{"first":true}', replayed: true });
    expect(records.writes).toBe(1);
  });

  it('is refused with idempotency.conflict when that request carried another body', async () => {
    const records = storeTakenMeanwhile({ requestHash: 'another', statusCode: 200, response: '{}' });
    const refusal = await processBatch(contextOf(records), requestOf('{"upsert":[{"bh":"A1"}]}')).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Problem);
    expect((refusal as Problem).code).toBe('idempotency.conflict');
  });
});
