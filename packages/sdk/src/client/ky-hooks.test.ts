import type { BeforeRequestHook } from 'ky';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExchangeClient } from './create-client';
import { ExchangeConfigError } from './errors/ExchangeConfigError';
import { clientFor, department, resourceCode, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const pathOf = (url: string) => new URL(url).pathname;

describe("the caller's ky hooks", () => {
  it('run on every attempt, before the credentials are added', async () => {
    const seen: string[] = [];
    server.inject('getMe', { status: 503 });
    const client = clientFor(server, {
      hooks: {
        beforeRequest: [
          (request) => {
            seen.push(`before ${pathOf(request.url)} auth=${request.headers.get('authorization')}`);
            request.headers.set('x-trace-id', 'trace-7');
          },
        ],
        beforeRetry: [
          ({ request, retryCount }) => void seen.push(`retry ${pathOf(request.url)} #${retryCount}`),
        ],
        afterResponse: [
          (request, _options, response) => void seen.push(`after ${pathOf(request.url)} ${response.status}`),
        ],
      },
    });
    await client.departments.me();
    expect(seen).toEqual([
      'before /v1/me auth=null',
      'before /v1/oauth/token auth=null',
      'after /v1/oauth/token 200',
      'after /v1/me 503',
      'retry /v1/me #1',
      'before /v1/me auth=null',
      'after /v1/me 200',
    ]);
    const traced = server.requestsFor('getMe').map((request) => request.headers['x-trace-id']);
    expect(traced).toEqual(['trace-7', 'trace-7']);
  });

  it('may hand back a new Request, which is signed all the same', async () => {
    const addTrace: BeforeRequestHook = (request) => {
      const headers = new Headers(request.headers);
      headers.set('x-trace-id', 'trace-8');
      return new Request(request, { headers });
    };
    const client = clientFor(server, {
      auth: { type: 'hmac', ...department },
      hooks: { beforeRequest: [addTrace] },
    });
    const { status } = await client.records.batch(resourceCode, { upsert: [{ xm: '张三' }] });
    expect(status).toBe(200);
    const [request] = server.requestsFor('batchRecords');
    expect(request?.headers['x-trace-id']).toBe('trace-8');
    expect(request?.headers['x-client-id']).toBe(department.clientId);
  });

  it('are refused at construction unless they are lists of functions under ky hook names', () => {
    const optionOf = (hooks: unknown) => {
      try {
        createExchangeClient({ baseUrl: server.url, hooks: hooks as never });
        return 'accepted';
      } catch (error) {
        return error instanceof ExchangeConfigError ? error.option : 'other error';
      }
    };
    expect(optionOf({ beforeRequest: [() => {}], afterResponse: [] })).toBe('accepted');
    expect(optionOf({ afterRequest: [() => {}] })).toBe('hooks');
    expect(optionOf({ beforeRequest: 'log' })).toBe('hooks.beforeRequest');
    expect(optionOf({ beforeRetry: [1] })).toBe('hooks.beforeRetry.0');
    expect(optionOf([])).toBe('hooks');
  });
});
