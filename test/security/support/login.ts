import { request } from 'node:http';
import { expect } from 'vitest';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * A client-credentials token request over real HTTP, sent from a chosen loopback address (127.0.0.0/8 is all
 * loopback on Linux), so that tests can play several hosts against one exchange.
 */
export function loginFrom(
  baseUrl: string,
  options: { from?: string; clientId: string; clientSecret: string; requestId?: string },
): Promise<Answer> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: options.clientId,
    client_secret: options.clientSecret,
  }).toString();
  return send(baseUrl, 'POST', '/v1/oauth/token', {
    from: options.from,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body,
  });
}

/** One request from a chosen loopback address; the answer's body parsed as JSON (empty object when there is none). */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { from?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(path, baseUrl),
      {
        method,
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...options.headers,
          ...(options.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(options.body)) }
            : {}),
        },
        signal: AbortSignal.timeout(20_000),
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          text += chunk;
        });
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** How many answers had each status, e.g. `{ 401: 10, 429: 6 }`. */
export function countByStatus(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}

/** The answer is 429 `rate.limited` with this `Retry-After`, from the request limit or the login throttle. */
export function expectTooMany(answer: Answer, retryAfterSeconds: number, limit: 'request' | 'login'): void {
  const zh =
    limit === 'request'
      ? `请求过于频繁，请 ${retryAfterSeconds} 秒后重试`
      : `登录失败次数过多，请 ${retryAfterSeconds} 秒后重试`;
  expect({
    status: answer.status,
    contentType: answer.headers['content-type'],
    code: answer.body.code,
    retryAfter: answer.headers['retry-after'],
    zh: answer.body.zh,
  }).toEqual({
    status: 429,
    contentType: 'application/problem+json; charset=utf-8',
    code: 'rate.limited',
    retryAfter: String(retryAfterSeconds),
    zh,
  });
}
