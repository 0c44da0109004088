import { ExchangeHttpError } from '../client/errors/ExchangeHttpError';
import { ExchangeNetworkError } from '../client/errors/ExchangeNetworkError';
import { ExchangeTimeoutError } from '../client/errors/ExchangeTimeoutError';
import { canonicalJson, type ReceiptPublicKey, verifyReceipt } from '../client/receipts';
import { acceptedOperationsHash } from '../json/operations-hash';
import { SyncError } from './errors';
import { type RetryDecision, withRetry } from './retry';
import type { BatchBody, BatchOutcome, BatchRequest, OperationResult, PushBatch } from './types';

/** The exchange's answer to one batch, as far as the pusher needs it. */
export interface BatchAnswer {
  accepted: number;
  rejected: number;
  results: OperationResult[];
  receipt: unknown;
}

export interface BatchPusherOptions {
  /** One attempt of `POST …/records/batch` with the request's Idempotency-Key and no retries of its own. */
  send: (request: BatchRequest) => Promise<BatchAnswer>;
  /** The exchange's receipt keys (`GET /.well-known/receipt-keys`); fetched again once when a kid is unknown. */
  receiptKeys: () => Promise<ReceiptPublicKey[]>;
  /** Attempts per batch, the first included (default 10). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Wraps one-shot sends into a push function for the pipeline: transient failures (network resets, timeouts,
 * 408/425/429/5xx) are retried with backoff that honours Retry-After, under the same Idempotency-Key so the
 * exchange replays a batch it already committed; and a batch counts as delivered only when its receipt is
 * signed by the exchange and covers exactly what was sent.
 */
export function createBatchPusher(options: BatchPusherOptions): PushBatch {
  let keys: Promise<ReceiptPublicKey[]> | undefined;
  const loadKeys = (refresh: boolean) => {
    if (!keys || refresh) {
      keys = options.receiptKeys();
      keys.catch(() => {
        keys = undefined;
      });
    }
    return keys;
  };

  return async (request) => {
    let retries = 0;
    const answer = await withRetry(() => options.send(request), {
      attempts: options.attempts ?? 10,
      baseDelayMs: options.baseDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      classify: classifyPushError,
      onRetry: () => {
        retries += 1;
      },
    });
    await checkReceipt(request, answer, loadKeys);
    return { ...answer, retries } satisfies BatchOutcome;
  };
}

/** Which failures of a batch push are worth another attempt. */
export function classifyPushError(error: unknown): RetryDecision {
  if (error instanceof ExchangeTimeoutError || error instanceof ExchangeNetworkError) return { retry: true };
  if (error instanceof ExchangeHttpError) {
    const status = error.status;
    if (status === 408 || status === 425 || status === 429 || status >= 500) {
      return { retry: true, retryAfterMs: error.retryAfterMs };
    }
  }
  return { retry: false };
}

/** The minimum a client needs to push batches: the typed exchange client fits. */
export interface BatchClient {
  records: {
    batch(
      code: string,
      body: BatchBody,
      options: {
        idempotencyKey: string;
        rawBody?: string | Uint8Array;
        retry: false;
        timeout?: number;
        validateResponse?: boolean;
      },
    ): Promise<{ data: unknown }>;
  };
  receiptKeys(): Promise<{ data: { keys: ReceiptPublicKey[] } }>;
}

const SENT_AS_BYTES: BatchBody = {};

/** A push function over the typed exchange client; `timeoutMs` bounds each attempt (default 15 s). */
export function createClientPusher(
  client: BatchClient,
  options: Omit<BatchPusherOptions, 'send' | 'receiptKeys'> & { timeoutMs?: number } = {},
): PushBatch {
  return createBatchPusher({
    ...options,
    send: async (request) => {
      // The bytes are sent as they are: the body's objects (parsed back on demand) are not needed.
      const answer = await client.records.batch(request.resource, SENT_AS_BYTES, {
        idempotencyKey: request.idempotencyKey,
        rawBody: request.bodyBytes,
        retry: false,
        timeout: options.timeoutMs ?? 15_000,
        // The signed receipt, checked below against what was sent, is a stronger check than the schema;
        // skipping the schema pass over thousands of results keeps the push path lean.
        validateResponse: false,
      });
      return answer.data as BatchAnswer;
    },
    receiptKeys: async () => (await client.receiptKeys()).data.keys,
  });
}

async function checkReceipt(
  request: BatchRequest,
  answer: BatchAnswer,
  loadKeys: (refresh: boolean) => Promise<ReceiptPublicKey[]>,
): Promise<void> {
  const receipt = answer.receipt as Record<string, unknown> | undefined;
  const fail = (en: string, zh: string) =>
    new SyncError(
      'sync.receipt_invalid',
      `Batch ${request.index} (Idempotency-Key ${request.idempotencyKey}): ${en}; the batch is not counted as delivered.`,
      `第 ${request.index} 批（幂等键 ${request.idempotencyKey}）：${zh}；该批不计为已送达。`,
    );
  if (!receipt || typeof receipt !== 'object') throw fail('the answer carries no receipt', '应答中没有回执');
  if (!Array.isArray(answer.results) || typeof answer.accepted !== 'number') {
    throw fail('the answer has no per-operation results', '应答中缺少逐条结果');
  }
  if (receipt.idempotencyKey !== request.idempotencyKey) {
    throw fail('the receipt names another Idempotency-Key', '回执中的幂等键与请求不符');
  }
  if (receipt.resource !== request.resource)
    throw fail('the receipt names another resource', '回执中的资源与请求不符');
  if (receipt.count !== request.operations || receipt.accepted !== answer.accepted) {
    throw fail(
      `the receipt counts ${String(receipt.count)} operations / ${String(receipt.accepted)} accepted, the batch had ${request.operations} / ${answer.accepted}`,
      `回执记录 ${String(receipt.count)} 条操作、接收 ${String(receipt.accepted)} 条，与本批 ${request.operations} / ${answer.accepted} 不符`,
    );
  }
  let verdict = await verifyReceipt(receipt, await loadKeys(false));
  if (!verdict.valid && verdict.reason === 'unknown_key')
    verdict = await verifyReceipt(receipt, await loadKeys(true));
  if (verdict.valid && receipt.hash !== acceptedHash(request, answer)) {
    verdict = { valid: false, reason: 'hash_mismatch' };
  }
  if (!verdict.valid) {
    throw fail(`the receipt does not verify (${verdict.reason})`, `回执验证失败（${verdict.reason}）`);
  }
}

/** The hash the receipt must carry: the operations the exchange accepted, in order (upserts, then deletes). */
function acceptedHash(request: BatchRequest, answer: BatchAnswer): string {
  const refused = new Set<string>();
  for (const result of answer.results)
    if (result.status === 'rejected') refused.add(`${result.op}:${result.index}`);
  if (refused.size === 0) return request.allAcceptedHash;
  const accepted = (records: ReadonlyArray<Record<string, unknown>> | undefined, op: string) =>
    (records ?? []).filter((_, i) => !refused.has(`${op}:${i}`)).map((record) => canonicalJson(record));
  return acceptedOperationsHash(
    accepted(request.body.upsert, 'upsert'),
    accepted(request.body.delete, 'delete'),
  );
}
