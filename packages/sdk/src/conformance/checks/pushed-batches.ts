import { canonicalJson, verifyReceipt } from '../../client/receipts';
import type { BatchRequest, BatchResult, Change, DataRecord, Jwks, RecordKey } from '../../generated';
import { expectEqual } from '../assert';
import type { ConformanceRecord } from '../fixtures/entry';
import type { CheckContext } from '../types';

/**
 * A batch of the run's records. `ConformanceRecord` is an interface, which TypeScript does not let stand for the
 * generated `DataRecord` (no index signature), though every one is a record the contract accepts.
 */
export interface PushBody {
  upsert?: ReadonlyArray<ConformanceRecord | DataRecord>;
  delete?: RecordKey[];
}

/**
 * What the checks of the records' traces (receipts, change feed, quality, audit) share: pushing a batch to an
 * entry of the run's own and holding the exchange to its receipt, and reading a feed back.
 */

/** The published keys, asked once per run (the anonymous `getReceiptKeys`). */
const keysOfRun = new WeakMap<CheckContext['fixtures'], Promise<Jwks>>();

export function receiptKeys(context: CheckContext): Promise<Jwks> {
  let keys = keysOfRun.get(context.fixtures);
  if (!keys) {
    keys = context
      .client('vendor')
      .receiptKeys()
      .then((answer) => answer.data);
    keys.catch(() => keysOfRun.delete(context.fixtures));
    keysOfRun.set(context.fixtures, keys);
  }
  return keys;
}

/** The operations a receipt's hash covers: the accepted ones, upserts first, then deletes (the spec's order). */
export function acceptedOperations(body: PushBody, answer: BatchResult): unknown[] {
  const refused = new Set(
    answer.results.filter((r) => r.status === 'rejected').map((r) => `${r.op}:${r.index}`),
  );
  const upserts = (body.upsert ?? [])
    .filter((_, i) => !refused.has(`upsert:${i}`))
    .map((record) => ({ op: 'upsert', record }));
  const deletes = (body.delete ?? [])
    .filter((_, i) => !refused.has(`delete:${i}`))
    .map((key) => ({ op: 'delete', key }));
  return [...upserts, ...deletes];
}

export interface PushedBatch {
  answer: BatchResult;
  idempotencyKey: string;
  requestId: string;
}

/**
 * Pushes a batch as providerA and fails unless its receipt is what the contract promises: it names the resource,
 * the Idempotency-Key and the counts of the answer, and verifies with the published keys over the accepted
 * operations. A batch without a receipt that proves it is not delivered, whatever its status says.
 */
export async function pushVerified(
  context: CheckContext,
  code: string,
  body: PushBody,
): Promise<PushedBatch> {
  const pushed = await context.client('providerA').records.batch(code, body as BatchRequest);
  const answer = pushed.data;
  const { receipt } = answer;
  const count = (body.upsert?.length ?? 0) + (body.delete?.length ?? 0);
  expectEqual(
    [receipt.resource, receipt.idempotencyKey, receipt.count, receipt.accepted, receipt.rejected],
    [code, pushed.idempotencyKey, count, answer.accepted, answer.rejected],
    'receipt resource, Idempotency-Key, count, accepted, rejected',
  );
  const verdict = await verifyReceipt(receipt, await receiptKeys(context), {
    operations: acceptedOperations(body, answer),
  });
  if (!verdict.valid)
    throw new Error(`the receipt of batch ${answer.batchId} does not verify: ${verdict.reason}`);
  return { answer, idempotencyKey: pushed.idempotencyKey, requestId: pushed.requestId };
}

/** Every change of a feed after `after` (from the start when absent), across pages of `limit`. */
export async function feedAfter(
  context: CheckContext,
  code: string,
  after?: string,
  limit = 100,
): Promise<Change[]> {
  const query = after === undefined ? { limit } : { limit, after };
  return context.client('providerA').records.changes(code, query).toArray();
}

/** A change as the checks compare them: its operation, key and record (none for a tombstone). */
export function changeLine(change: {
  op: Change['op'];
  key: RecordKey;
  record?: ConformanceRecord | DataRecord;
}): string {
  // Canonical JSON: an exchange may store a record's members in another order.
  return `${change.op} ${canonicalJson(change.key)}${change.record ? ` ${canonicalJson(change.record)}` : ''}`;
}

/** A record the entry refuses: `xm` is declared with length 50. */
export function refusedRecord(bh: string): { bh: string; xm: string; nl: number } {
  return { bh, xm: '检'.repeat(51), nl: 30 };
}
