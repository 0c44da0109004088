import { type RetryOptions, syncRetry } from '../client/core/retry';
import { checkRetryOption } from '../client/options';
import type { ReceiptPublicKey } from '../client/receipts';
import { type BatchAnswer, checkReceipt } from './receipt-check';
import type { BatchBody, BatchOutcome, BatchRequest, PushBatch } from './types';

export type { BatchAnswer } from './receipt-check';

/** How the batches of a sync are retried: sync's profile (`syncRetry`), or fields of it changed. */
export interface PushRetryOptions {
  /** Fields given override sync's profile: 8 attempts, 200 ms base, 10 s cap, Retry-After up to 60 s. */
  retry?: RetryOptions;
  /** Attempts per batch, the first included (default 8): `retry.limit` is one less. */
  attempts?: number;
  /** The first backoff in ms (default 200): `retry.delay`. */
  baseDelayMs?: number;
  /** The longest backoff in ms (default 10,000): `retry.backoffLimit`. */
  maxDelayMs?: number;
}

/** One batch as sent: the exchange's answer, and the attempts it took (1 when no retry was needed). */
export interface SentBatch {
  answer: BatchAnswer;
  attempts: number;
}

export interface BatchPusherOptions extends PushRetryOptions {
  /**
   * Sends one batch (`POST …/records/batch`) with the request's Idempotency-Key on every attempt, retrying
   * transient failures as `retry` says (the exchange client does, through ky's retry).
   */
  send: (request: BatchRequest, retry: RetryOptions) => Promise<SentBatch>;
  /** The exchange's receipt keys (`GET /.well-known/receipt-keys`); fetched again once when a kid is unknown. */
  receiptKeys: () => Promise<ReceiptPublicKey[]>;
}

/** The retry options of a pusher: sync's profile with the given fields; throws ExchangeConfigError for bad ones. */
export function pushRetryOf(options: PushRetryOptions): RetryOptions {
  const given = Object.entries(options.retry ?? {}).filter(([, value]) => value !== undefined);
  const retry: RetryOptions = {
    ...syncRetry,
    ...Object.fromEntries(given),
    ...(options.attempts !== undefined ? { limit: options.attempts - 1 } : {}),
    ...(options.baseDelayMs !== undefined ? { delay: options.baseDelayMs } : {}),
    ...(options.maxDelayMs !== undefined ? { backoffLimit: options.maxDelayMs } : {}),
  };
  checkRetryOption(retry);
  // Frozen, so that the client builds ky's options from it once, not once per batch.
  return Object.freeze(retry);
}

/**
 * A push function for the pipeline: the batch goes out through `send`, whose retries (network resets,
 * timeouts, 408/425/429/5xx, honouring Retry-After) keep the same Idempotency-Key so the exchange replays a
 * batch it already committed; and it counts as delivered only when its receipt is signed by the exchange and
 * covers exactly what was sent.
 */
export function createBatchPusher(options: BatchPusherOptions): PushBatch {
  const retry = pushRetryOf(options);
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
    const { answer, attempts } = await options.send(request, retry);
    await checkReceipt(request, answer, loadKeys);
    return { ...answer, retries: Math.max(0, attempts - 1) } satisfies BatchOutcome;
  };
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
        retry: RetryOptions;
        timeout?: number;
        validateResponse?: boolean;
      },
    ): Promise<{ data: unknown; attempts?: number }>;
  };
  receiptKeys(): Promise<{ data: { keys: ReceiptPublicKey[] } }>;
}

const SENT_AS_BYTES: BatchBody = {};

/** A push function over the typed exchange client; `timeoutMs` bounds each attempt (default 15 s). */
export function createClientPusher(
  client: BatchClient,
  options: PushRetryOptions & { timeoutMs?: number } = {},
): PushBatch {
  return createBatchPusher({
    ...options,
    send: async (request, retry) => {
      // The bytes are sent as they are: the body's objects (parsed back on demand) are not needed.
      const answer = await client.records.batch(request.resource, SENT_AS_BYTES, {
        idempotencyKey: request.idempotencyKey,
        rawBody: request.bodyBytes,
        retry,
        timeout: options.timeoutMs ?? 15_000,
        // The signed receipt, checked against what was sent, is a stronger check than the schema;
        // skipping the schema pass over thousands of results keeps the push path lean.
        validateResponse: false,
      });
      return { answer: answer.data as BatchAnswer, attempts: answer.attempts ?? 1 };
    },
    receiptKeys: async () => (await client.receiptKeys()).data.keys,
  });
}
