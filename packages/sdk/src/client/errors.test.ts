import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeError } from './errors/ExchangeError';
import { ExchangeHttpError } from './errors/ExchangeHttpError';
import { ExchangeValidationError } from './errors/ExchangeValidationError';
import type { QueryParams, Schemas } from './operations';
import { clientFor, department, resourceCode, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** Every way an error reaches a log: JSON, string, stack, util.inspect with its causes. */
function everyRendering(error: unknown): string {
  return [
    JSON.stringify(error),
    String(error),
    (error as Error).stack ?? '',
    inspect(error, { depth: 10 }),
  ].join('\n');
}

const lintProblem = {
  type: 'https://unsilo.dev/problems/catalog.lint_failed',
  title: 'Catalogue entry has lint errors',
  status: 422,
  detail: '2 errors',
  code: 'catalog.lint_failed',
  zh: '目录条目未通过校验',
  requestId: 'will-be-replaced',
  errors: [{ rule: 'catalog/code-format', message: 'bad code', zh: '资源代码格式错误' }],
};

describe('error shapes', () => {
  it('carries the problem details, status, code, request id and operation', async () => {
    server.inject('createResource', { status: 422, body: lintProblem });
    const error = await clientFor(server)
      .catalog.create((server.example('getResource') as Schemas['Resource']).entry, {
        requestId: 'req-create-1',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect(error).toBeInstanceOf(ExchangeError);
    const http = error as ExchangeHttpError;
    expect(http).toMatchObject({
      code: 'catalog.lint_failed',
      status: 422,
      operationId: 'createResource',
      method: 'POST',
      url: `${server.url}/v1/catalog/resources`,
      requestId: 'req-create-1',
    });
    expect(http.problem.errors).toEqual(lintProblem.errors);
    expect(http.message).toContain('Catalogue entry has lint errors');
    expect(http.message).toContain('目录条目未通过校验');
    expect(JSON.parse(JSON.stringify(http))).toMatchObject({ code: 'catalog.lint_failed', status: 422 });
  });

  it('sends an X-Request-Id on every call and keeps it across retries', async () => {
    server.inject('getHealth', { status: 503 });
    const { requestId } = await clientFor(server).health();
    const sent = server.requestsFor('getHealth').map((request) => request.headers['x-request-id']);
    expect(sent).toEqual([requestId, requestId]);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says how long the server asked to wait (Retry-After) when it refuses', async () => {
    server.inject('getHealth', { status: 429, retryAfter: '7' });
    const error = await clientFor(server, { retry: false })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7000 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAfterMs: 7000 });
  });

  it('builds a problem from a non-JSON error body', async () => {
    server.handle('getHealth', () => ({
      status: 502,
      body: undefined,
      headers: { 'content-type': 'text/plain' },
    }));
    const error = await clientFor(server, { retry: false })
      .health()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'http.502', status: 502, problem: { status: 502 } });
  });

  it('never shows the client secret, the token or the signature, however the error is printed', async () => {
    const client = clientFor(server);
    await client.departments.me();
    const token = server.requestsFor('getMe')[0]?.headers.authorization?.slice('Bearer '.length) ?? '';
    expect(token.length).toBeGreaterThan(10);

    server.inject(
      'getMe',
      { status: 401, code: 'auth.invalid_token' },
      { status: 401, code: 'auth.invalid_token' },
    );
    const refused = await client.departments.me().catch((e: unknown) => e);
    server.inject('getMe', { reset: true }, { reset: true }, { reset: true });
    const network = await client.departments.me().catch((e: unknown) => e);
    server.inject('getMe', { delayMs: 500 });
    const timeout = await client.departments.me({ timeout: 50 }).catch((e: unknown) => e);

    const hmac = clientFor(server, { auth: { type: 'hmac', ...department } });
    server.inject('getMe', { status: 500 }, { status: 500 }, { status: 500 });
    const signed = await hmac.departments.me().catch((e: unknown) => e);
    const signatures = server
      .requestsFor('getMe')
      .map((r) => r.headers['x-signature'])
      .filter(Boolean);
    expect(signatures.length).toBe(3);

    for (const error of [refused, network, timeout, signed]) {
      expect(error).toBeInstanceOf(ExchangeError);
      const text = everyRendering(error);
      expect(text).not.toContain(department.clientSecret);
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/authorization|bearer/i);
      for (const signature of signatures) expect(text).not.toContain(signature);
    }
  });

  it('cuts credentials out of an answer that quotes the request back', async () => {
    server.handle('issueToken', (request) => ({
      status: 400,
      body: {
        type: 'about:blank',
        title: 'Bad form',
        status: 400,
        code: 'auth.invalid_request',
        detail: request.body,
      },
    }));
    const error = await clientFor(server)
      .departments.me()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'auth.invalid_request', operationId: 'issueToken' });
    expect((error as ExchangeHttpError).problem.detail).toContain('client_secret=[REDACTED]');
    expect(everyRendering(error)).not.toContain(encodeURIComponent(department.clientSecret));
    expect(everyRendering(error)).not.toContain(department.clientSecret);
  });

  it('redacts secret-looking query values in the URL it reports', async () => {
    server.inject('listAuditEvents', { status: 400 });
    const error = await clientFor(server)
      .audit.list({ resource: resourceCode, access_token: 'leaked-token' } as QueryParams<'listAuditEvents'>)
      .firstPage()
      .catch((e: unknown) => e);
    expect((error as ExchangeError).url).toContain('access_token=[REDACTED]');
    expect(everyRendering(error)).not.toContain('leaked-token');
  });
});

describe('response validation', () => {
  it('rejects an answer that breaks the contract, listing the issues', async () => {
    server.handle('getHealth', () => ({ status: 200, body: { status: 42 } }));
    const error = await clientFor(server, { validateResponses: true })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeValidationError);
    const validation = error as ExchangeValidationError;
    expect(validation.code).toBe('response.invalid');
    expect(validation.issues.map((issue) => issue.path)).toContain('status');
  });

  it('passes the answer through when validation is off, per client or per call', async () => {
    server.handle('getHealth', () => ({ status: 200, body: { status: 42 } }));
    await expect(clientFor(server, { validateResponses: false }).health()).resolves.toMatchObject({
      data: { status: 42 },
    });
    await expect(
      clientFor(server, { validateResponses: true }).health({ validateResponse: false }),
    ).resolves.toMatchObject({ data: { status: 42 } });
  });

  it('accepts every example of the contract', async () => {
    const client = clientFor(server, { validateResponses: true });
    await client.health();
    await client.receiptKeys();
    await client.departments.me();
    await client.catalog.get(resourceCode);
    await client.catalog.list().firstPage();
    await client.records.query(resourceCode).firstPage();
    await client.records.changes(resourceCode).firstPage();
    await client.codesets.list().firstPage();
    await client.quality.get(resourceCode);
    await client.audit.list().firstPage();
    await client.shareRequests.list().firstPage();
  });
});
