import { inspect } from 'node:util';
import {
  createExchangeClient,
  type ExchangeAuth,
  type ExchangeError,
  ExchangeHttpError,
  ExchangeNetworkError,
} from '@unsilo/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { type SpecServer, startSpecServer } from '../../packages/sdk/src/client/test-support/spec-server';

/**
 * Issue 12 (SDK): redaction cut the secret's text out wherever it appeared, so with the secret
 * "client" every "clientId" in an error read "[REDACTED]Id"; and it missed the secret in the URL
 * (path and harmless-looking query names) and in answers that escape it (\u0053...). Now exact
 * secret values are cut where they stand as whole tokens, in every text an error carries.
 */

const clientId = 'dept-307001';
let server: SpecServer;
afterEach(async () => {
  await server.close();
});

async function serve(secret: string): Promise<void> {
  server = await startSpecServer({ clients: { [clientId]: secret } });
}

function client(secret: string, type: ExchangeAuth['type'] = 'clientCredentials') {
  return createExchangeClient({
    baseUrl: server.url,
    auth: { type, clientId, clientSecret: secret },
    retry: false,
    timeout: 5_000,
  });
}

/** Every way an error reaches a log: its message, String, JSON, util.inspect and stack, cause by cause. */
function everyRendering(error: unknown): string {
  const texts: string[] = [JSON.stringify(error), inspect(error, { depth: 20 })];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth += 1) {
    texts.push(String(current));
    if (current instanceof Error) texts.push(current.message, current.stack ?? '');
    current = current instanceof Error ? current.cause : undefined;
  }
  return texts.join('\n');
}

/** The ways a value travels: as is, in a URL, in a form, inside a JSON string. */
function formsOf(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ];
}

function expectNoneOf(error: unknown, values: readonly string[]): void {
  const text = everyRendering(error);
  for (const value of values) {
    for (const form of formsOf(value)) expect(text).not.toContain(form);
  }
}

describe('a short secret that is also a word', () => {
  it('is cut only where it stands as a whole token; the words around it stay readable', async () => {
    await serve('client');
    server.handle('getMe', (request) => ({
      status: 400,
      body: {
        title: 'Bad',
        detail: `clientId client_id clients client; the client_secret field; clientSecret=client, ${request.headers.authorization}`,
      },
    }));
    const error = (await client('client')
      .departments.me({ requestId: 'r-1' })
      .catch((e: unknown) => e)) as ExchangeHttpError;
    expect(error).toBeInstanceOf(ExchangeHttpError);
    const detail =
      'clientId client_id clients [REDACTED]; the client_secret field; clientSecret=[REDACTED], Bearer [REDACTED]';
    expect(error.problem.detail).toBe(detail);
    expect(error.message).toBe(
      `Bad: ${detail} (请求失败，HTTP 状态 400) [GET ${server.url}/v1/me, requestId=r-1]`,
    );
  });

  it('leaves a URL that merely contains the word alone', async () => {
    await serve('client');
    server.inject('getCodeSet', { status: 404 });
    const error = (await client('client')
      .request('getCodeSet', { path: { id: 'client-codes' } })
      .catch((e: unknown) => e)) as ExchangeError;
    expect(error.url).toBe(`${server.url}/v1/codesets/client-codes`);
  });
});

describe('a real secret never reaches an error', () => {
  const secret = 'S3cret-never-in-logs-口令';

  it('when the token endpoint quotes the form back', async () => {
    await serve(secret);
    server.handle('issueToken', (request) => ({
      status: 400,
      body: { title: 'Bad form', code: 'auth.invalid_request', detail: request.body },
    }));
    const error = await client(secret)
      .departments.me()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'auth.invalid_request' });
    expect((error as ExchangeHttpError).problem.detail).toBe(
      `grant_type=client_credentials&client_id=${clientId}&client_secret=[REDACTED]`,
    );
    expectNoneOf(error, [secret]);
  });

  it('when the answer escapes it inside a JSON string', async () => {
    await serve(secret);
    const escaped = [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    server.handle('getMe', () => ({
      status: 403,
      rawBody: `{"title":"Refused","detail":"secret ${escaped} is wrong","echo":{"nested":["${escaped}"]}}`,
      headers: { 'content-type': 'application/problem+json' },
    }));
    const error = (await client(secret)
      .departments.me()
      .catch((e: unknown) => e)) as ExchangeHttpError;
    expect(error.problem.detail).toBe('secret [REDACTED] is wrong');
    expect(error.problem.echo).toEqual({ nested: ['[REDACTED]'] });
    expectNoneOf(error, [secret]);
  });

  it('when it travels in the URL path or a query value, refused or cut off', async () => {
    await serve(secret);
    const input = { path: { id: secret }, query: { note: secret } } as never;
    server.inject('getCodeSet', { status: 404 });
    const refused = (await client(secret)
      .request('getCodeSet', input)
      .catch((e: unknown) => e)) as ExchangeError;
    expect(refused.url).toBe(`${server.url}/v1/codesets/[REDACTED]?note=[REDACTED]`);
    server.inject('getCodeSet', { reset: true });
    const network = await client(secret)
      .request('getCodeSet', input)
      .catch((e: unknown) => e);
    expect(network).toBeInstanceOf(ExchangeNetworkError);
    for (const error of [refused, network]) expectNoneOf(error, [secret]);
  });

  it('when the server echoes the headers and body it got, with a bearer token or an HMAC signature', async () => {
    // A header value is Latin-1: this secret can travel in one.
    const secret = 'S3cret-never-in-logs-0x2A';
    await serve(secret);
    const echo = (request: { headers: object; body: string }) => ({
      status: 422,
      body: { title: 'Echo', detail: `${JSON.stringify(request.headers)} ${request.body}`, got: request },
    });
    server.handle('createResource', echo);
    const errors: unknown[] = [];
    for (const type of ['clientCredentials', 'hmac'] as const) {
      errors.push(
        await client(secret, type)
          .request('createResource', { body: { note: secret } } as never, { headers: { 'x-note': secret } })
          .catch((e: unknown) => e),
      );
    }
    const sent = server.requestsFor('createResource');
    const credentials = sent.flatMap((request) =>
      [request.headers.authorization?.slice('Bearer '.length), request.headers['x-signature']].filter(
        (value): value is string => value !== undefined,
      ),
    );
    expect(credentials).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ExchangeHttpError);
      expectNoneOf(error, [secret, ...credentials]);
    }
  });
});
