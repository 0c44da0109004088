import { createExchangeClient, ExchangeHttpError } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type SpecServer,
  startSpecServer,
} from '../../packages/sdk/src/client/test-support/spec-server';

/**
 * Issue 12 (SDK): a refusal whose body was not the problem document the client expected (a title that
 * is an object, a `zh` that cannot be printed, a body that is not JSON at all) made the client throw a
 * raw TypeError instead of an ExchangeHttpError. Every refusal is now an ExchangeHttpError; members of
 * the wrong type are ignored, as RFC 9457 §3.1 asks.
 */

let server: SpecServer;
beforeAll(async () => {
  server = await startSpecServer();
});
afterAll(async () => {
  await server.close();
});

const json = (body: unknown, status = 400): Answer => ({
  status,
  rawBody: JSON.stringify(body),
  headers: { 'content-type': 'application/problem+json' },
});
const raw = (rawBody: string, contentType: string, status = 400): Answer => ({
  status,
  rawBody,
  headers: { 'content-type': contentType },
});

/** The error of one health call answered with `answer`, with a fixed request id so texts are exact. */
async function refusalFor(answer: Answer): Promise<unknown> {
  server.handle('getHealth', () => answer);
  const client = createExchangeClient({ baseUrl: server.url, retry: false });
  return client.health({ requestId: 'r-odd' }).catch((error: unknown) => error);
}

const where = () => ` [GET ${server.url}/v1/health, requestId=r-odd]`;
const plain = (status: number) => `HTTP ${status} (请求失败，HTTP 状态 ${status})`;

describe('a refusal with an unexpected body is an ExchangeHttpError', () => {
  const cases: Array<[string, Answer, string, string]> = [
    ['a title that cannot be printed', json({ title: { toString: 1 } }), 'http.400', plain(400)],
    [
      'a zh that cannot be printed',
      json({ title: 'Bad', zh: { toString: null } }),
      'http.400',
      `Bad (请求失败，HTTP 状态 400)`,
    ],
    [
      'a detail that is a list',
      json({ title: 'Bad', detail: ['a', 'b'] }),
      'http.400',
      `Bad (请求失败，HTTP 状态 400)`,
    ],
    [
      'a code that is a number',
      json({ code: 42, title: 'Bad' }, 409),
      'http.409',
      `Bad (请求失败，HTTP 状态 409)`,
    ],
    ['a code that is an object', json({ code: { a: 1 } }, 422), 'http.422', plain(422)],
    ['a requestId that is an object', json({ code: 'x.y', requestId: { a: 1 } }), 'x.y', plain(400)],
    ['null', json(null), 'http.400', `Bad Request (请求失败，HTTP 状态 400)`],
    ['a list', json([1, 2]), 'http.400', 'Bad Request (请求失败，HTTP 状态 400)'],
    ['a number', json(42, 503), 'http.503', `Service Unavailable (请求失败，HTTP 状态 503)`],
    [
      'truncated JSON',
      raw('{"title":', 'application/problem+json'),
      'http.400',
      `Bad Request: {"title": (请求失败，HTTP 状态 400)`,
    ],
    [
      'an empty problem+json body',
      raw('', 'application/problem+json', 401),
      'http.401',
      `Unauthorized (请求失败，HTTP 状态 401)`,
    ],
    [
      'an HTML page',
      raw('<h1>Bad gateway</h1>', 'text/html', 502),
      'http.502',
      // Not quoted: a page says nothing a department developer can act on; where the call went does.
      'Bad Gateway: No Unsilo exchange answered at {url}/v1/health (got text/html 502) ({url}/v1/health 处没有 Unsilo 交换平台应答（收到 text/html 502）)',
    ],
  ];

  // The expected message without its call description, which names the server's port.
  it.each(cases)('%s', async (_, answer, code, message) => {
    const error = await refusalFor(answer);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    const http = error as ExchangeHttpError;
    expect({ code: http.code, status: http.status, message: http.message }).toEqual({
      code,
      status: answer.status,
      message: message.replaceAll('{url}', server.url) + where(),
    });
    expect(http.problem.status).toBe(answer.status);
    expect(JSON.parse(JSON.stringify(http))).toMatchObject({ code, status: answer.status });
  });

  it('keeps the well-typed members and the extensions, drops the ill-typed ones', async () => {
    const error = (await refusalFor(
      json(
        { type: 7, title: 'Refused', detail: 'why', zh: ['x'], code: 'a.b', errors: [{ rule: 'r' }] },
        422,
      ),
    )) as ExchangeHttpError;
    expect({ ...error.problem }).toEqual({
      title: 'Refused',
      detail: 'why',
      code: 'a.b',
      status: 422,
      errors: [{ rule: 'r' }],
    });
  });

  it('does not let a __proto__ member reach any prototype', async () => {
    const error = (await refusalFor(
      raw(
        '{"title":"Bad","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
        'application/json',
      ),
    )) as ExchangeHttpError;
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect((error.problem as Record<string, unknown>).polluted).toBe(undefined);
    expect(({} as Record<string, unknown>).polluted).toBe(undefined);
    expect(Object.keys(error.problem).sort()).toEqual(['status', 'title']);
  });
});
