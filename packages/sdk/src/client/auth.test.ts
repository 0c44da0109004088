import { afterEach, describe, expect, it } from 'vitest';
import { createExchangeClient } from './create-client';
import { ExchangeHttpError } from './errors/ExchangeHttpError';
import { clientFor, department, resourceCode, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
afterEach(async () => {
  await server.close();
});

describe('client credentials', () => {
  it('fetches one token for fifty concurrent calls', async () => {
    server = await startServer({ tokenDelayMs: 50 });
    const client = clientFor(server);
    await Promise.all(Array.from({ length: 50 }, () => client.departments.me()));
    expect(server.tokenRequests).toBe(1);
    const authorizations = new Set(
      server.requestsFor('getMe').map((request) => request.headers.authorization),
    );
    expect(authorizations.size).toBe(1);
  });

  it('sends the credentials form-encoded to the token endpoint', async () => {
    server = await startServer();
    await clientFor(server).departments.me();
    const [token] = server.requestsFor('issueToken');
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: department.clientId,
      client_secret: department.clientSecret,
    });
  });

  it('drops a refused token, fetches a fresh one once, and retries the call', async () => {
    server = await startServer();
    const client = clientFor(server);
    await client.departments.me();
    server.revokeTokens();
    await Promise.all(Array.from({ length: 10 }, () => client.departments.me()));
    expect(server.tokenRequests).toBe(2);
    const byToken = new Map<string | undefined, number>();
    for (const request of server.requestsFor('getMe').slice(1)) {
      byToken.set(request.headers.authorization, (byToken.get(request.headers.authorization) ?? 0) + 1);
    }
    // Ten refused with the revoked token, the same ten answered with the one fresh token.
    expect([...byToken.values()]).toEqual([10, 10]);
  });

  it('refreshes a short-lived token before it expires, with no 401 on the way', async () => {
    server = await startServer({ tokenTtlSeconds: 1 });
    const client = clientFor(server);
    await client.departments.me();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await client.departments.me();
    expect(server.tokenRequests).toBe(2);
    expect(server.requestsFor('getMe')).toHaveLength(2);
  });

  it('surfaces a second refusal instead of looping', async () => {
    server = await startServer();
    server.inject(
      'getMe',
      { status: 401, code: 'auth.invalid_token' },
      { status: 401, code: 'auth.invalid_token' },
    );
    const error = await clientFor(server)
      .departments.me()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect((error as ExchangeHttpError).code).toBe('auth.invalid_token');
    expect(server.tokenRequests).toBe(2);
    expect(server.requestsFor('getMe')).toHaveLength(2);
  });

  it('reports wrong credentials with the server code and without the secret', async () => {
    server = await startServer();
    const client = createExchangeClient({
      baseUrl: server.url,
      auth: { type: 'clientCredentials', clientId: department.clientId, clientSecret: 'wrong-secret-value' },
    });
    const error = await client.departments.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect(error).toMatchObject({ status: 401, code: 'auth.invalid_client', operationId: 'issueToken' });
    expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
  });

  it('uses tokenUrl when the token endpoint lives elsewhere', async () => {
    server = await startServer();
    const tokenServer = await startServer();
    try {
      const client = createExchangeClient({
        baseUrl: server.url,
        auth: { type: 'clientCredentials', ...department, tokenUrl: `${tokenServer.url}/v1/oauth/token` },
      });
      // The token from the other server is unknown here: the call is refused after one refresh.
      await expect(client.departments.me()).rejects.toMatchObject({ code: 'auth.invalid_token' });
      expect(tokenServer.tokenRequests).toBe(2);
      expect(server.tokenRequests).toBe(0);
    } finally {
      await tokenServer.close();
    }
  });
});

describe('HMAC signing', () => {
  const hmacClient = (srv: SpecServer) =>
    clientFor(srv, {
      auth: { type: 'hmac', clientId: department.clientId, clientSecret: department.clientSecret },
    });

  it('signs GETs with their query and POSTs with their body, as the server verifies them', async () => {
    server = await startServer();
    const client = hmacClient(server);
    await client.catalog.list({ status: 'published', q: '人口', limit: 10 }).firstPage();
    await client.records.batch(resourceCode, { upsert: [{ xm: '张三' }] });
    const [list] = server.requestsFor('listResources');
    expect(list?.url).toContain('?status=published&q=%E4%BA%BA%E5%8F%A3&limit=10');
    expect(list?.headers['x-client-id']).toBe(department.clientId);
    expect(server.tokenRequests).toBe(0);
  });

  it('re-signs every retried attempt with a fresh nonce', async () => {
    server = await startServer();
    server.inject('batchRecords', { status: 503 }, { status: 502 });
    await hmacClient(server).records.batch(resourceCode, { upsert: [] });
    const nonces = server.requestsFor('batchRecords').map((request) => request.headers['x-nonce']);
    expect(nonces).toHaveLength(3);
    expect(new Set(nonces).size).toBe(3);
  });

  it('signs the path as sent, including the prefix of a base URL behind a gateway', async () => {
    server = await startServer({ basePath: '/exchange' });
    await hmacClient(server).catalog.get(resourceCode);
    const [request] = server.requestsFor('getResource');
    expect(request?.url).toBe('/exchange/v1/catalog/resources/307001030801%2F000012');
  });

  it('is refused by the server when the secret is wrong', async () => {
    server = await startServer();
    const client = clientFor(server, {
      auth: { type: 'hmac', clientId: department.clientId, clientSecret: 'not-the-secret' },
    });
    await expect(client.departments.me()).rejects.toMatchObject({
      status: 401,
      code: 'auth.invalid_signature',
    });
  });
});
