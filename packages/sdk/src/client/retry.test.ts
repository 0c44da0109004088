import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncRetry } from './core/retry';
import { ExchangeHttpError } from './errors/ExchangeHttpError';
import { ExchangeNetworkError } from './errors/ExchangeNetworkError';
import type { RequestBody, Schemas } from './operations';
import { clientFor, resourceCode, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const batch: RequestBody<'batchRecords'> = { upsert: [{ sfzh: '110101199003074514', xm: '张三' }] };

describe('retries', () => {
  it('retries 503 and 502 until an answer comes', async () => {
    server.inject('getHealth', { status: 503 }, { status: 502 });
    const { data } = await clientFor(server).health();
    expect(data).toEqual(server.example('getHealth'));
    expect(server.requestsFor('getHealth')).toHaveLength(3);
  });

  it('stops after the retry limit and reports the attempts', async () => {
    server.inject('getHealth', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const error = await clientFor(server, { retry: { limit: 2, delay: 5 } })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect((error as ExchangeHttpError).status).toBe(503);
    expect((error as ExchangeHttpError).attempts).toBe(3);
    expect(server.requestsFor('getHealth')).toHaveLength(3);
  });

  it('does not retry a client error', async () => {
    server.inject('getHealth', { status: 400, code: 'request.invalid' });
    await expect(clientFor(server).health()).rejects.toMatchObject({ status: 400, code: 'request.invalid' });
    expect(server.requestsFor('getHealth')).toHaveLength(1);
  });

  it('can be switched off per client and per call', async () => {
    server.inject('getHealth', { status: 503 }, { status: 503 });
    await expect(clientFor(server, { retry: false }).health()).rejects.toMatchObject({ status: 503 });
    await expect(clientFor(server).health({ retry: 0 })).rejects.toMatchObject({ status: 503 });
    expect(server.requestsFor('getHealth')).toHaveLength(2);
  });

  it('honours Retry-After in seconds instead of its own backoff', async () => {
    server.inject('getHealth', { status: 429, retryAfter: '1' });
    const started = Date.now();
    await clientFor(server, { retry: { limit: 1, delay: 1 } }).health();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requestsFor('getHealth')).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const nextSecond = new Date(Math.ceil((Date.now() + 500) / 1000) * 1000);
    server.inject('getHealth', { status: 503, retryAfter: nextSecond.toUTCString() });
    await clientFor(server, { retry: { limit: 1, delay: 1 } }).health();
    const [first, second] = server.requestsFor('getHealth');
    expect(first && second).toBeTruthy();
    // HTTP dates have whole seconds; the retry waits for that second, not the 1 ms backoff.
    expect(Date.now()).toBeGreaterThanOrEqual(nextSecond.getTime() - 50);
  });

  it('gives up at once when Retry-After asks for longer than maxRetryAfter', async () => {
    server.inject('getHealth', { status: 429, retryAfter: '3600' });
    const client = clientFor(server, { retry: { limit: 3, delay: 1, maxRetryAfter: 2_000 } });
    await expect(client.health()).rejects.toMatchObject({ status: 429 });
    expect(server.requestsFor('getHealth')).toHaveLength(1);
  });

  it('retries a reset connection and reports a network error when resets persist', async () => {
    server.inject('getHealth', { reset: true });
    await clientFor(server).health();
    expect(server.requestsFor('getHealth')).toHaveLength(2);

    server.inject('getHealth', { reset: true }, { reset: true });
    const error = await clientFor(server, { retry: { limit: 1, delay: 1 } })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeNetworkError);
    expect((error as ExchangeNetworkError).code).toBe('request.network');
  });

  it('retries a connection dropped in the middle of the body', async () => {
    server.inject('getHealth', { partialBody: 'reset' });
    const { data } = await clientFor(server).health();
    expect(data).toEqual(server.example('getHealth'));
    expect(server.requestsFor('getHealth')).toHaveLength(2);
  });
});

describe('idempotency', () => {
  it('never retries a POST that carries no Idempotency-Key', async () => {
    const entry = (server.example('getResource') as Schemas['Resource']).entry;
    server.inject('createResource', { status: 503 });
    await expect(clientFor(server).catalog.create(entry)).rejects.toMatchObject({ status: 503 });
    expect(server.requestsFor('createResource')).toHaveLength(1);

    server.inject('createResource', { reset: true });
    await expect(clientFor(server).catalog.create(entry)).rejects.toBeInstanceOf(ExchangeNetworkError);
    expect(server.requestsFor('createResource')).toHaveLength(2);
  });

  it('generates one Idempotency-Key per batch and reuses it on every attempt', async () => {
    server.inject('batchRecords', { status: 503 }, { reset: true });
    const result = await clientFor(server).records.batch(resourceCode, batch);
    const keys = server.requestsFor('batchRecords').map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.idempotencyKey).toBe(keys[0]);
    expect(result.attempts).toBe(3);
    const bodies = server.requestsFor('batchRecords').map((request) => request.body);
    expect(bodies).toEqual([JSON.stringify(batch), JSON.stringify(batch), JSON.stringify(batch)]);
  });

  it("uses the caller's key as given, and a new key for each new call", async () => {
    const client = clientFor(server);
    server.inject('batchRecords', { status: 500 });
    await client.records.batch(resourceCode, batch, { idempotencyKey: 'sync-2026-11-26-0001' });
    await client.records.batch(resourceCode, batch);
    await client.records.batch(resourceCode, batch);
    const keys = server.requestsFor('batchRecords').map((request) => request.headers['idempotency-key']);
    expect(keys.slice(0, 2)).toEqual(['sync-2026-11-26-0001', 'sync-2026-11-26-0001']);
    expect(new Set(keys.slice(2)).size).toBe(2);
    expect(keys.slice(2)).not.toContain('sync-2026-11-26-0001');
  });
});

// Sync's profile with a 1 ms base, so that the test does not wait for real backoffs.
const quickSync = { ...syncRetry, delay: 1 };

describe("sync's retry profile", () => {
  it('carries a keyed batch through a timeout, a reset and a 501, under one Idempotency-Key', async () => {
    server.inject('batchRecords', { delayMs: 1_000 }, { reset: true }, { status: 501 });
    const client = clientFor(server, { timeout: 300 });
    const result = await client.records.batch(resourceCode, batch, { retry: quickSync });
    expect(result.status).toBe(200);
    const keys = server.requestsFor('batchRecords').map((request) => request.headers['idempotency-key']);
    expect(keys).toEqual([
      result.idempotencyKey,
      result.idempotencyKey,
      result.idempotencyKey,
      result.idempotencyKey,
    ]);
  });

  it('the client profile gives up on the same timeout and 501', async () => {
    server.inject('batchRecords', { delayMs: 1_000 }, { status: 501 });
    const client = clientFor(server, { timeout: 300 });
    await expect(client.records.batch(resourceCode, batch)).rejects.toMatchObject({
      code: 'request.timeout',
    });
    await expect(client.records.batch(resourceCode, batch)).rejects.toMatchObject({ status: 501 });
    expect(server.requestsFor('batchRecords')).toHaveLength(2);
  });

  it('waits maxRetryAfter when the server asks for longer, instead of giving up', async () => {
    server.inject('batchRecords', { status: 503, retryAfter: '3600' });
    const client = clientFor(server);
    // The test's own deadline (5 s) stands for "did not wait the hour the server asked for".
    const result = await client.records.batch(resourceCode, batch, {
      retry: { ...quickSync, maxRetryAfter: 50 },
    });
    expect(result.status).toBe(200);
    expect(server.requestsFor('batchRecords')).toHaveLength(2);
  });

  it('does not retry a refusal that will not change', async () => {
    server.inject('batchRecords', { status: 422, code: 'records.invalid' });
    const client = clientFor(server);
    await expect(client.records.batch(resourceCode, batch, { retry: quickSync })).rejects.toMatchObject({
      status: 422,
      attempts: 1,
    });
    expect(server.requestsFor('batchRecords')).toHaveLength(1);
  });
});
