import { inspect } from 'node:util';
import * as sdk from '@unsilo/sdk';
import { createExchangeClient, type ExchangeClientOptions } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpecServer, startSpecServer } from '../../packages/sdk/src/client/test-support/spec-server';

/**
 * Issue 12 (SDK): the client accepted options it could not work with (no secret, a secret with a line
 * break, a negative timeout...) and failed later with a raw TypeError or DOMException. Options are now
 * checked when the client is made, and a bad one is a typed ExchangeConfigError naming the option.
 */

const secret = 'S3cret-options-口令';
const good = { clientId: 'dept-307001', clientSecret: secret };
const baseUrl = 'http://127.0.0.1:7300';

/** What `createExchangeClient` threw for these options (nothing: undefined). */
function refusalOf(options: unknown): unknown {
  try {
    createExchangeClient(options as ExchangeClientOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The facts a caller reads off a configuration error. */
function summary(error: unknown): unknown {
  const { name, code, option } = (error ?? {}) as Record<string, unknown>;
  return { name, code, option };
}

const refused = (option: string) => ({ name: 'ExchangeConfigError', code: 'config.invalid', option });

describe('createExchangeClient refuses options it cannot work with', () => {
  const cases: Array<[string, unknown, string]> = [
    ['no baseUrl', {}, 'baseUrl'],
    ['an empty baseUrl', { baseUrl: '' }, 'baseUrl'],
    ['a baseUrl that is not a string', { baseUrl: 7300 }, 'baseUrl'],
    ['a relative baseUrl', { baseUrl: 'localhost:7300' }, 'baseUrl'],
    ['an ftp baseUrl', { baseUrl: 'ftp://127.0.0.1/' }, 'baseUrl'],
    ['a file baseUrl', { baseUrl: 'file:///etc/passwd' }, 'baseUrl'],
    ['a baseUrl with credentials', { baseUrl: 'http://u:p@127.0.0.1' }, 'baseUrl'],
    ['auth that is not an object', { baseUrl, auth: null }, 'auth'],
    ['auth without a type', { baseUrl, auth: { ...good } }, 'auth.type'],
    ['an unknown auth type', { baseUrl, auth: { type: 'basic', ...good } }, 'auth.type'],
    [
      'client credentials without a secret',
      { baseUrl, auth: { type: 'clientCredentials', clientId: 'dept-307001' } },
      'auth.clientSecret',
    ],
    [
      'client credentials with an empty secret',
      { baseUrl, auth: { type: 'clientCredentials', clientId: 'dept-307001', clientSecret: '' } },
      'auth.clientSecret',
    ],
    [
      'HMAC without a secret',
      { baseUrl, auth: { type: 'hmac', clientId: 'dept-307001' } },
      'auth.clientSecret',
    ],
    ['a missing clientId', { baseUrl, auth: { type: 'hmac', clientSecret: secret } }, 'auth.clientId'],
    [
      'an empty clientId',
      { baseUrl, auth: { type: 'hmac', clientId: '', clientSecret: secret } },
      'auth.clientId',
    ],
    [
      'a clientId with a line break',
      { baseUrl, auth: { type: 'hmac', clientId: 'dept\nX-Admin: 1', clientSecret: secret } },
      'auth.clientId',
    ],
    [
      'a token URL that is not http(s)',
      { baseUrl, auth: { type: 'clientCredentials', ...good, tokenUrl: 'ftp://h/token' } },
      'auth.tokenUrl',
    ],
    [
      'a negative refresh skew',
      { baseUrl, auth: { type: 'clientCredentials', ...good, refreshSkewMs: -1 } },
      'auth.refreshSkewMs',
    ],
    ['a zero timeout', { baseUrl, timeout: 0 }, 'timeout'],
    ['a negative timeout', { baseUrl, timeout: -5 }, 'timeout'],
    ['a NaN timeout', { baseUrl, timeout: Number.NaN }, 'timeout'],
    ['an infinite timeout', { baseUrl, timeout: Number.POSITIVE_INFINITY }, 'timeout'],
    ['a timeout past the timer range', { baseUrl, timeout: 2 ** 31 }, 'timeout'],
    ['a timeout as text', { baseUrl, timeout: '1000' }, 'timeout'],
    ['a negative retry limit', { baseUrl, retry: -1 }, 'retry'],
    ['a fractional retry limit', { baseUrl, retry: 1.5 }, 'retry'],
    ['retry: true', { baseUrl, retry: true }, 'retry'],
    ['a negative retry.limit', { baseUrl, retry: { limit: -1 } }, 'retry.limit'],
    ['a NaN retry.delay', { baseUrl, retry: { delay: Number.NaN } }, 'retry.delay'],
    [
      'an infinite retry.maxRetryAfter',
      { baseUrl, retry: { maxRetryAfter: Number.POSITIVE_INFINITY } },
      'retry.maxRetryAfter',
    ],
    [
      'a retry status that is no HTTP status',
      { baseUrl, retry: { statusCodes: [99] } },
      'retry.statusCodes.0',
    ],
    ['validateResponses that is not a boolean', { baseUrl, validateResponses: 'yes' }, 'validateResponses'],
    ['a fetch that is not a function', { baseUrl, fetch: 'fetch' }, 'fetch'],
    ['an onRequest that is not a function', { baseUrl, onRequest: 1 }, 'onRequest'],
    ['a header name with a space', { baseUrl, headers: { 'x bad': 'v' } }, 'headers'],
    [
      'a header value with a line break',
      { baseUrl, headers: { 'x-note': 'a\r\nX-Admin: 1' } },
      'headers.x-note',
    ],
    ['a __proto__ header', { baseUrl, headers: JSON.parse('{"__proto__":"x"}') }, 'headers'],
  ];

  it.each(cases)('refuses %s', (_, options, option) => {
    expect(summary(refusalOf(options))).toEqual(refused(option));
  });

  it.each([
    ['a NUL', `${secret}\u0000`],
    ['a line feed', `${secret}\n`],
    ['a carriage return and line feed', `${secret}\r\nX-Admin: 1`],
    ['a Unicode line separator', `${secret}\u2028`],
  ])('refuses a secret with %s, without repeating it', (_, badSecret) => {
    for (const type of ['clientCredentials', 'hmac']) {
      const error = refusalOf({ baseUrl, auth: { type, clientId: 'dept-307001', clientSecret: badSecret } });
      expect(summary(error)).toEqual(refused('auth.clientSecret'));
      const printed = [String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');
      expect(printed).not.toContain(secret);
    }
  });

  it('says what is wrong in English and Chinese, as a value of the package root class', () => {
    const error = refusalOf({ baseUrl, auth: { type: 'clientCredentials', clientId: 'dept-307001' } });
    expect(error).toBeInstanceOf(sdk.ExchangeConfigError);
    expect(error).toBeInstanceOf(sdk.ExchangeError);
    expect((error as Error).message).toBe(
      'Invalid client option auth.clientSecret: required (客户端配置项 auth.clientSecret 无效：必须填写)',
    );
    expect((error as { zh: string }).zh).toBe('客户端配置项 auth.clientSecret 无效：必须填写');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'ExchangeConfigError',
      code: 'config.invalid',
      option: 'auth.clientSecret',
      zh: '客户端配置项 auth.clientSecret 无效：必须填写',
    });
  });

  it('lists every bad option, the first one in the message', () => {
    const error = refusalOf({ baseUrl: 'ftp://h', timeout: -1, retry: { limit: -1 } }) as {
      message: string;
      issues: Array<{ option: string }>;
    };
    expect(error.issues.map((issue) => issue.option)).toEqual(['baseUrl', 'timeout', 'retry.limit']);
    expect(error.message).toBe(
      'Invalid client option baseUrl: must use http or https (客户端配置项 baseUrl 无效：必须使用 http 或 https) (+2 more)',
    );
  });

  it('accepts good options, and no auth at all for the anonymous operations', () => {
    expect(
      refusalOf({ baseUrl, auth: { type: 'clientCredentials', ...good }, timeout: 1, retry: false }),
    ).toBe(undefined);
    expect(refusalOf({ baseUrl: 'https://gw.example/exchange/', auth: { type: 'hmac', ...good } })).toBe(
      undefined,
    );
    expect(refusalOf({ baseUrl })).toBe(undefined);
  });
});

describe('a client refuses bad per-call options and calls that need missing credentials', () => {
  let server: SpecServer;
  beforeAll(async () => {
    server = await startSpecServer({ clients: { [good.clientId]: secret } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers anonymous operations without auth, and refuses the others before sending anything', async () => {
    const client = createExchangeClient({ baseUrl: server.url, retry: false });
    await expect(client.health()).resolves.toMatchObject({ status: 200 });
    const error = await client.departments.me().catch((e: unknown) => e);
    expect(summary(error)).toEqual(refused('auth'));
    expect((error as Error).message).toBe(
      'Invalid client option auth: required for operations that need credentials (客户端配置项 auth 无效：调用需要凭据的接口时必须配置)',
    );
    expect(server.requestsFor('getMe')).toHaveLength(0);
  });

  it('refuses a bad per-call timeout, retry, request id or header before sending anything', async () => {
    const client = createExchangeClient({ baseUrl: server.url, auth: { type: 'hmac', ...good } });
    const before = server.requests.length;
    const calls: Array<[Promise<unknown>, string, string]> = [
      [client.health({ timeout: -1 }), 'timeout', 'getHealth'],
      [client.health({ retry: { limit: Number.NaN } }), 'retry.limit', 'getHealth'],
      [client.health({ requestId: 'r-1\r\nX-Admin: 1' }), 'requestId', 'getHealth'],
      [client.departments.me({ headers: { 'x-note': `${secret}\n` } }), 'headers.x-note', 'getMe'],
    ];
    for (const [call, option, operationId] of calls) {
      const error = await call.catch((e: unknown) => e);
      expect(summary(error)).toEqual(refused(option));
      expect((error as { operationId?: string }).operationId).toBe(operationId);
      expect(`${String(error)}${JSON.stringify(error)}`).not.toContain(secret);
    }
    expect(server.requests.length).toBe(before);
  });
});
