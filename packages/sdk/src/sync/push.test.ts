import { sign } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExchangeClient } from '../client/create-client';
import { ExchangeHttpError } from '../client/errors/ExchangeHttpError';
import { receiptSigningKey } from '../client/test-support/receipt-key';
import { canonicalJson } from '../json/canonical-json';
import { acceptedOperationsHash } from '../json/operations-hash';
import { createBatchPusher, createClientPusher } from './push';
import type { BatchRequest } from './types';

// The exchange's signing key, as in the receipt tests: node:crypto signs, the pusher verifies with Web Crypto.
const { privateKey, jwk } = receiptSigningKey();

const resource = '307001030801/000012';
const record = { id: 1, name: '张三' };

function batchRequest(): BatchRequest {
  const bytes = Buffer.from(`{"upsert":[${canonicalJson(record)}]}`);
  return {
    resource,
    index: 0,
    idempotencyKey: 'k-307001030801-000012-b0',
    body: { upsert: [record] },
    bodyBytes: bytes,
    allAcceptedHash: acceptedOperationsHash([canonicalJson(record)], []),
    operations: 1,
  };
}

function signedAnswer(request: BatchRequest) {
  const unsigned = {
    kid: 'k1',
    alg: 'Ed25519',
    resource,
    batchId: '0b7c3c1e-2f4d-4a59-9c1e-2d3f4a5b6c7d',
    idempotencyKey: request.idempotencyKey,
    count: 1,
    accepted: 1,
    rejected: 0,
    hash: request.allAcceptedHash,
    serverTime: '2026-11-26T08:00:00.000Z',
  };
  const signature = sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64url');
  return {
    accepted: 1,
    rejected: 0,
    results: [{ index: 0, op: 'upsert', status: 'accepted' }],
    receipt: { ...unsigned, signature },
  };
}

/** An exchange behind a fetch: batch answers scripted per attempt (a status, or the signed answer). */
function scriptedExchange(request: BatchRequest, failures: Array<{ status: number; retryAfter?: string }>) {
  const sent: Array<{ idempotencyKey: string | null }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });
    if (url.pathname.endsWith('/.well-known/receipt-keys')) return json(200, { keys: [jwk] });
    const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
    sent.push({ idempotencyKey: headers.get('idempotency-key') });
    const failure = failures[sent.length - 1];
    if (!failure) return json(200, signedAnswer(request));
    const problem = { type: 'about:blank', title: 'Busy', status: failure.status, code: 'server.busy' };
    return new Response(JSON.stringify(problem), {
      status: failure.status,
      headers: {
        'content-type': 'application/problem+json',
        ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}),
      },
    });
  };
  const attempts: number[] = [];
  const client = createExchangeClient({
    baseUrl: 'http://exchange.test',
    auth: { type: 'hmac', clientId: 'dept-307001', clientSecret: 'secret' },
    fetch,
    validateResponses: false,
    onRequest: (event) => {
      if (event.operationId === 'batchRecords') attempts.push(event.attempt);
    },
  });
  return { client, sent, attempts };
}

/** A few turns of the event loop (setImmediate is not faked): lets pending I/O and promises settle. */
async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function untilSent(sent: unknown[], count: number): Promise<void> {
  // Date is not faked: up to 10 s of real time for the attempt to be signed and sent.
  const until = Date.now() + 10_000;
  while (sent.length < count && Date.now() < until) await settle(1);
  expect(sent).toHaveLength(count);
  await settle();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createClientPusher', () => {
  it('retries in one client call (ky), under the same Idempotency-Key, and counts the retries', async () => {
    const request = batchRequest();
    const exchange = scriptedExchange(request, [{ status: 503 }, { status: 429 }]);
    const outcome = await createClientPusher(exchange.client, { baseDelayMs: 1 })(request);
    expect(outcome.retries).toBe(2);
    expect(outcome.accepted).toBe(1);
    expect(exchange.sent.map((s) => s.idempotencyKey)).toEqual([
      request.idempotencyKey,
      request.idempotencyKey,
      request.idempotencyKey,
    ]);
    // The client numbers the attempts of one call: the retries are ky's, not a loop of separate calls.
    expect(exchange.attempts).toEqual([1, 2, 3]);
  });

  it("waits a 503's Retry-After of 120 s clamped to 60 s, then sends the batch again", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const request = batchRequest();
    const exchange = scriptedExchange(request, [{ status: 503, retryAfter: '120' }]);
    const pushed = createClientPusher(exchange.client)(request);
    // Signing an attempt takes real time (Web Crypto), which fake timers do not advance.
    await untilSent(exchange.sent, 1);
    await vi.advanceTimersByTimeAsync(59_999);
    await settle();
    expect(exchange.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await untilSent(exchange.sent, 2);
    vi.useRealTimers();
    expect((await pushed).retries).toBe(1);
    expect(new Set(exchange.sent.map((s) => s.idempotencyKey))).toEqual(new Set([request.idempotencyKey]));
  });

  it("gives up after sync's 8 attempts by default, or the attempts asked for", async () => {
    const request = batchRequest();
    const failing = Array.from({ length: 20 }, () => ({ status: 502 }));
    const exchange = scriptedExchange(request, failing);
    const error = await createClientPusher(exchange.client, { baseDelayMs: 1 })(request).catch((e) => e);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect((error as ExchangeHttpError).status).toBe(502);
    expect(exchange.sent).toHaveLength(8);

    const fewer = scriptedExchange(request, failing);
    await expect(
      createClientPusher(fewer.client, { attempts: 3, baseDelayMs: 1 })(request),
    ).rejects.toThrow();
    expect(fewer.sent).toHaveLength(3);
  });

  it('does not retry a refusal that will not change', async () => {
    const request = batchRequest();
    const exchange = scriptedExchange(request, [{ status: 422 }]);
    await expect(createClientPusher(exchange.client, { baseDelayMs: 1 })(request)).rejects.toMatchObject({
      status: 422,
    });
    expect(exchange.sent).toHaveLength(1);
  });
});

describe('createBatchPusher', () => {
  it("hands its send the retry options (sync's profile with the given overrides) and counts the retries", async () => {
    const request = batchRequest();
    const given: unknown[] = [];
    const push = createBatchPusher({
      attempts: 4,
      maxDelayMs: 2_000,
      send: async (sent, retry) => {
        given.push(retry);
        expect(sent).toBe(request);
        return { answer: signedAnswer(request) as never, attempts: 2 };
      },
      receiptKeys: async () => [jwk],
    });
    const outcome = await push(request);
    expect(outcome.retries).toBe(1);
    expect(given).toEqual([
      expect.objectContaining({ limit: 3, delay: 200, backoffLimit: 2_000, maxRetryAfter: 60_000 }),
    ]);
  });
});
