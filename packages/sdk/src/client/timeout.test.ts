import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeAbortError } from './errors/ExchangeAbortError';
import { ExchangeTimeoutError } from './errors/ExchangeTimeoutError';
import { clientFor, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe('timeouts', () => {
  it('fails a slow answer with a timeout error and does not retry it by default', async () => {
    server.inject('getHealth', { delayMs: 2_000 });
    const error = await clientFor(server, { timeout: 300 })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeTimeoutError);
    expect(error).toMatchObject({ code: 'request.timeout', timeout: 300, operationId: 'getHealth' });
    // Leave time for a (wrong) second attempt to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requestsFor('getHealth')).toHaveLength(1);
  });

  it('covers the body too: a server that stalls mid-body times out instead of hanging', async () => {
    server.inject('getHealth', { partialBody: 'stall' });
    await expect(clientFor(server, { timeout: 300, retry: false }).health()).rejects.toMatchObject({
      code: 'request.timeout',
    });
  });

  it('takes a per-call timeout over the client one', async () => {
    server.inject('getHealth', { delayMs: 1_000 });
    await expect(clientFor(server, { timeout: 10_000 }).health({ timeout: 100 })).rejects.toMatchObject({
      code: 'request.timeout',
      timeout: 100,
    });
  });

  it('retries a timed-out attempt when asked to', async () => {
    server.inject('getHealth', { delayMs: 1_000 });
    const client = clientFor(server, { timeout: 200, retry: { limit: 1, delay: 1, retryOnTimeout: true } });
    await expect(client.health()).resolves.toMatchObject({ status: 200 });
    expect(server.requestsFor('getHealth')).toHaveLength(2);
  });
});

describe('abort', () => {
  it('stops a request in flight when the signal fires', async () => {
    server.inject('getHealth', { delayMs: 1_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await clientFor(server)
      .health({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeAbortError);
    expect(error).toMatchObject({ code: 'request.aborted', operationId: 'getHealth' });
  });

  it('stops waiting between retries when the signal fires', async () => {
    server.inject('getHealth', { status: 503, retryAfter: '30' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const client = clientFor(server, { retry: { limit: 2, delay: 1 } });
    await expect(client.health({ signal: controller.signal })).rejects.toBeInstanceOf(ExchangeAbortError);
    expect(server.requestsFor('getHealth')).toHaveLength(1);
  });

  it('stops waiting for a token when the signal fires', async () => {
    await server.close();
    server = await startServer({ tokenDelayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(clientFor(server).departments.me({ signal: controller.signal })).rejects.toBeInstanceOf(
      ExchangeAbortError,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.requestsFor('getMe')).toHaveLength(0);
  });

  it('does not send anything for an already aborted signal', async () => {
    await expect(clientFor(server).health({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      ExchangeAbortError,
    );
    expect(server.requestsFor('getHealth')).toHaveLength(0);
  });
});
