import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../sandbox/support/demo';
import { expectRawProblem } from './support/problem-answer';
import { type RawAnswer, rawRequest } from './support/raw-http';

type Demo = Awaited<ReturnType<typeof startDemo>>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A request line and headers (Host added), ending the header block. */
function head(requestLine: string, headers: string[] = []): string {
  return [requestLine, 'Host: 127.0.0.1', ...headers, '', ''].join('\r\n');
}

/** The problem carries the request id the answer's header names, and that id is a generated one. */
function expectGeneratedId(answer: RawAnswer, problem: Record<string, unknown>): void {
  expect(problem.requestId).toBe(answer.headers['x-request-id']);
  expect(String(problem.requestId)).toMatch(uuid);
}

describe('every refusal is problem+json, also before Fastify routes the request (issue 12, finding 9)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo();
  });
  afterAll(() => sandbox.close());

  const send = (bytes: string) => rawRequest(sandbox.port, bytes);

  it('answers bad percent-encoding in the path or the query with 400 request.invalid', async () => {
    const path = await send(head('GET /v1/catalog/resources/%zz HTTP/1.1'));
    expect(expectRawProblem(path, 400, 'request.invalid').detail).toBe(
      'The path is not valid percent-encoded UTF-8',
    );
    const notUtf8 = await send(head('GET /v1/catalog/resources/%ff%fe HTTP/1.1'));
    expectRawProblem(notUtf8, 400, 'request.invalid');
    const query = await send(head('GET /v1/health?q=%zz HTTP/1.1'));
    expect(expectRawProblem(query, 400, 'request.invalid').detail).toBe(
      'The query string is not valid percent-encoded UTF-8',
    );
  });

  it('answers oversized header blocks and request lines with 431 request.headers_too_large', async () => {
    const header = await send(head('GET /v1/health HTTP/1.1', [`X-Padding: ${'a'.repeat(20_000)}`]));
    const problem = expectRawProblem(header, 431, 'request.headers_too_large');
    expect([problem.detail, problem.zh]).toEqual([
      'The request line and headers are larger than 16384 bytes',
      '请求行与请求头超过 16384 字节',
    ]);
    expectGeneratedId(header, problem);
    const url = await send(head(`GET /v1/health?q=${'a'.repeat(20_000)} HTTP/1.1`));
    expectRawProblem(url, 431, 'request.headers_too_large');
  });

  it('answers what is not HTTP/1.1 with 400 request.invalid', async () => {
    const broken = [
      'GARBAGE\r\n\r\n',
      head('FOO /v1/health HTTP/1.1'),
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      head('POST /v1/oauth/token HTTP/1.1', ['Content-Length: 3', 'Transfer-Encoding: chunked']),
      head('POST /v1/oauth/token HTTP/1.1', ['Content-Length: abc']),
      head('GET /v1/me HTTP/1.1', ['X-Request-Id: a\x01b']),
      head('GET v1/health HTTP/1.1'),
    ];
    for (const bytes of broken) {
      const answer = await send(bytes);
      const problem = expectRawProblem(answer, 400, 'request.invalid');
      expect(problem.detail).toBe('The request is not valid HTTP/1.1');
      expectGeneratedId(answer, problem);
    }
  });

  it('answers an HTTP/1.1 request without Host with 400 request.invalid', async () => {
    const answer = await send('GET /v1/health HTTP/1.1\r\n\r\n');
    expect(expectRawProblem(answer, 400, 'request.invalid').detail).toBe(
      'An HTTP/1.1 request needs a Host header',
    );
  });

  it('answers an expectation it cannot meet with 417 request.expectation_failed', async () => {
    const answer = await send(head('GET /v1/health HTTP/1.1', ['Expect: teapot']));
    expectRawProblem(answer, 417, 'request.expectation_failed');
  });

  it('answers a path parameter over 500 characters with 404 route.not_found', async () => {
    const answer = await send(head(`GET /v1/catalog/resources/${'1'.repeat(600)} HTTP/1.1`));
    expectRawProblem(answer, 404, 'route.not_found');
  });

  it('keeps serving after all of it', async () => {
    const answer = await send(head('GET /v1/health HTTP/1.1', ['Connection: close']));
    expect([answer.status, JSON.parse(answer.text).status]).toEqual([200, 'ok']);
  });
});
