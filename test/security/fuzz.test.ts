import { operationMap } from '@unsilo/sdk/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePath, entryFor, startDemo, tokenFor } from '../sandbox/support/demo';
import { rawRequest } from './support/raw-http';

/**
 * The standing fuzz suite of the exchange's HTTP layer (issue 12): random hostile queries, headers and bodies,
 * over real HTTP, at every operation of the spec. Whatever comes in: no 5xx, every 4xx is a problem with a stable
 * code and a Chinese text, no request hangs, and nothing reaches Object.prototype. `FUZZ_RUNS=5000` for a longer
 * local run.
 */

type Demo = Awaited<ReturnType<typeof startDemo>>;

const runs = Number(process.env.FUZZ_RUNS ?? 500);
/** A generous deadline to detect a hang, not a timing assertion. */
const deadlineMs = 10_000;

const operations = Object.values(operationMap).map((route) => ({
  method: route.method.toUpperCase(),
  path: route.path,
}));

const prototypeKeys = ['__proto__', 'constructor', 'prototype'];

// ----- Paths -----

const pathValue = fc.oneof(
  fc.constantFrom(
    codePath('307001030801/000001'),
    'gongan',
    'gbt-2261-1',
    'sr_01J9Z3M4Q8',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    '__proto__',
    '0'.repeat(600),
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

const path = fc
  .record({
    operation: fc.constantFrom(...operations),
    values: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
  })
  .map(({ operation, values }) => {
    let i = 0;
    return {
      method: operation.method,
      path: operation.path.replace(/\{[^}]+\}/g, () => values[i++ % values.length]!),
    };
  });

// ----- Query strings (raw text: may be badly encoded on purpose) -----

const queryName = fc.oneof(
  fc.constantFrom(
    '__proto__[authorization]',
    '__proto__.authorization',
    'constructor[prototype][authorization]',
    '%5F%5Fproto%5F%5F[x]',
    'filter[__proto__]',
    'filter[constructor]',
    'filter[bh]',
    'filter[a][b][c]',
    `a${'[x]'.repeat(200)}`,
    'limit',
    'cursor',
    'status',
    'provider',
    'q',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 20 }),
);
const queryValue = fc.oneof(
  fc.constantFrom('%zz', '%ff%fe', '%', '%00', '9'.repeat(400), '-1', '1e999', 'a'.repeat(4000), 'Bearer x'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.string({ maxLength: 30 }),
);
const query = fc.oneof(
  fc
    .array(fc.tuple(queryName, queryValue), { maxLength: 6 })
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
  // Plain queries half of the time, so that requests get past the query to the operation.
  fc.constantFrom('', 'limit=10', 'limit=0', 'limit=abc', 'status=published', 'filter[bh]=1', 'cursor=x'),
);

// ----- Headers -----

const printable = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

const header = fc.oneof(
  fc.tuple(
    fc.constant('authorization'),
    fc.oneof(
      printable(60),
      printable(60).map((t) => `Bearer ${t}`),
    ),
  ),
  fc.tuple(fc.constant('x-signature'), printable(60)),
  fc.tuple(fc.constant('x-client-id'), fc.constantFrom('gongan-demo', 'nobody', '')),
  fc.tuple(fc.constant('x-timestamp'), fc.oneof(fc.constant(String(Date.now())), printable(20))),
  fc.tuple(fc.constant('x-nonce'), printable(40)),
  fc.tuple(fc.constant('x-request-id'), printable(200)),
  fc.tuple(fc.constant('if-match'), fc.oneof(printable(40), fc.constant('*'), fc.constant('"1-x", W/"2"'))),
  fc.tuple(fc.constant('if-none-match'), printable(40)),
  fc.tuple(fc.constant('idempotency-key'), printable(300)),
  fc.tuple(fc.constant('expect'), fc.constantFrom('100-continue', 'teapot')),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset="UTF-8"',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json;charset=',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=gbk',
  'text/plain',
  'application/problem+json',
  'multipart/form-data; boundary=x',
);

// ----- Bodies -----

const nested = (levels: number, open: string, close: string, inner = '1') =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;

const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .tuple(fc.constantFrom(...prototypeKeys, '\\u005f_proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 }))
    .map(([key, value]) => `{"${key}":${JSON.stringify(value) ?? 'null'},"resource":"x","purpose":"y"}`),
  fc.integer({ min: 60, max: 100_000 }).map((levels) => nested(levels, '[', ']')),
  fc.integer({ min: 60, max: 20_000 }).map((levels) => nested(levels, '{"a":', '}')),
  fc.integer({ min: 1, max: 100_000 }).map((levels) => '['.repeat(levels)),
  fc.constantFrom('1e999999', `${'9'.repeat(5000)}`, '-0', '{"upsert":[1e400],"delete":[]}', '"\\ud800"'),
  fc.integer({ min: 1, max: 50 }).map((n) => JSON.stringify({ ...entryFor('gongan', n), extra: { a: [1] } })),
  fc.constantFrom(
    'grant_type=client_credentials&client_id=gongan-demo&client_secret=x%00',
    '__proto__=x&grant_type=client_credentials',
    'grant_type=client_credentials&grant_type=x',
    'client_secret=%ff',
  ),
);

const bodyBytes = fc.oneof(
  { weight: 4, arbitrary: jsonText.map((text) => Buffer.from(text, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(jsonText, fc.uint8Array({ minLength: 1, maxLength: 4 }))
      .map(([text, junk]) =>
        Buffer.concat([
          Buffer.from(text.slice(0, 20)),
          Buffer.from(junk).map((b) => b | 0x80),
          Buffer.from(text.slice(20)),
        ]),
      ),
  },
);

const request = fc.record({
  target: path,
  query,
  headers: fc.array(header, { maxLength: 4 }),
  contentType: fc.option(contentType, { nil: undefined }),
  body: fc.option(bodyBytes, { nil: undefined }),
  authenticated: fc.boolean(),
  raw: fc.boolean(),
});

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
  status: number;
  contentType: string | undefined;
  requestIdHeader: string | undefined;
  text: string;
}

/** Every non-success answer is a problem document that names a stable code, a Chinese text and the request id. */
function expectWellFormed(outcome: Outcome, input: FuzzRequest): void {
  const context = `${input.target.method} ${input.target.path}?${input.query.slice(0, 200)}`;
  expect(outcome.status, context).toBeLessThan(500);
  if (outcome.status < 400) return;
  expect(outcome.contentType, context).toBe('application/problem+json; charset=utf-8');
  const problem = JSON.parse(outcome.text) as Record<string, unknown>;
  expect(
    {
      code: /^[a-z_]+\.[a-z_]+$/.test(String(problem.code)),
      status: problem.status,
      zh: typeof problem.zh === 'string' && problem.zh.length > 0,
      requestId: problem.requestId,
    },
    context,
  ).toEqual({ code: true, status: outcome.status, zh: true, requestId: outcome.requestIdHeader });
  expect(String(problem.requestId), context).toMatch(/^[A-Za-z0-9._~:/+=@-]{1,128}$/);
}

describe('fuzz: hostile queries, headers and bodies at every operation (issue 12)', () => {
  let sandbox: Demo;
  let token: string;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
  beforeAll(async () => {
    sandbox = await startDemo({
      bodyLimit: 1024 * 1024,
      loginThrottle: { refusalDelayMs: 0 },
      selfApprove: true,
    });
    token = await tokenFor(sandbox.url, 'gongan');
  });
  afterAll(() => sandbox.close());

  /** Headers as a list of [name, value], the token first when the request is authenticated. */
  function headerList(input: FuzzRequest): Array<[string, string]> {
    const list: Array<[string, string]> = input.authenticated ? [['authorization', `Bearer ${token}`]] : [];
    for (const [name, value] of input.headers)
      if (!list.some(([known]) => known === name)) list.push([name, value]);
    if (input.contentType) list.push(['content-type', input.contentType]);
    return list;
  }

  async function viaFetch(input: FuzzRequest): Promise<Outcome> {
    const { method } = input.target;
    const response = await fetch(`${sandbox.url}${input.target.path}?${input.query}`, {
      method,
      headers: headerList(input).filter(([name]) => name !== 'expect'),
      ...(input.body && method !== 'GET' ? { body: input.body } : {}),
      signal: AbortSignal.timeout(deadlineMs),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      requestIdHeader: response.headers.get('x-request-id') ?? undefined,
      text: await response.text(),
    };
  }

  async function viaSocket(input: FuzzRequest): Promise<Outcome> {
    const body = input.body ?? Buffer.alloc(0);
    const head = [
      `${input.target.method} ${input.target.path}?${input.query} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: close',
      `Content-Length: ${body.length}`,
      ...headerList(input).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ].join('\r\n');
    // latin1: each character of the request line and headers is one byte, as the fuzzer chose it.
    const answer = await rawRequest(
      sandbox.port,
      Buffer.concat([Buffer.from(head, 'latin1'), body]),
      deadlineMs,
    );
    return {
      status: answer.status,
      contentType: answer.headers['content-type'],
      requestIdHeader: answer.headers['x-request-id'],
      text: answer.text,
    };
  }

  it('answers everything with a success or a well-formed problem, and nothing pollutes Object.prototype', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const outcome = input.raw ? await viaSocket(input) : await viaFetch(input);
        expectWellFormed(outcome, input);
        expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
      }),
      { numRuns: runs },
    );
    const anonymous = await fetch(`${sandbox.url}/v1/me`, { signal: AbortSignal.timeout(deadlineMs) });
    expect([anonymous.status, ((await anonymous.json()) as { code: string }).code]).toEqual([
      401,
      'auth.missing_credentials',
    ]);
  });
});
