import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { codePath, entryFor, publishEntry, startDemo, tokenFor } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('bad input gets a 4xx problem, never a 500', () => {
  let sandbox: Demo;
  let token: string;
  const entry = entryFor('gongan', 1);
  beforeAll(async () => {
    sandbox = await startDemo({ bodyLimit: 64 * 1024 });
    token = await tokenFor(sandbox.url, 'gongan');
    await publishEntry(clientFor(sandbox.url, 'gongan'), entry);
  });
  afterAll(() => sandbox.close());

  const send = (
    method: string,
    path: string,
    body?: string | Uint8Array,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body !== undefined ? { body: body as BodyInit } : {}),
    });

  /** The answer is an RFC 9457 problem with a stable code, both languages and the request id. */
  async function expectProblem(response: Response, status: number, code?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status, type: `urn:unsilo:problem:${problem.code}` });
    if (code) expect(problem.code).toBe(code);
    expect(problem.title).toBeTruthy();
    expect(problem.zh).toBeTruthy();
    expect(problem.requestId).toBe(response.headers.get('x-request-id'));
    return problem;
  }

  const batchPath = `/v1/catalog/resources/${codePath(entry.code)}/records/batch`;
  const json = { 'content-type': 'application/json' };

  it('malformed JSON, empty JSON, non-object JSON and prototype keys', async () => {
    await expectProblem(
      await send('POST', '/v1/share-requests', '{"resource": ', json),
      400,
      'request.invalid',
    );
    await expectProblem(await send('POST', '/v1/share-requests', '', json), 400, 'request.invalid');
    await expectProblem(await send('POST', '/v1/share-requests', '[1,2]', json), 400, 'request.invalid');
    await expectProblem(await send('POST', '/v1/share-requests', '42', json), 400, 'request.invalid');
    await expectProblem(
      await send(
        'POST',
        '/v1/share-requests',
        '{"__proto__":{"admin":true},"resource":"1","purpose":"x"}',
        json,
      ),
      400,
      'request.invalid',
    );
    await expectProblem(
      await send('POST', batchPath, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), {
        ...json,
        'idempotency-key': 'bin',
      }),
      400,
      'request.invalid',
    );
  });

  it('wrong content types', async () => {
    for (const type of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
    ]) {
      await expectProblem(
        await send('POST', batchPath, '{"upsert":[]}', { 'content-type': type, 'idempotency-key': 'ct' }),
        415,
        'request.unsupported_media_type',
      );
    }
  });

  it('bodies over the configured limit', async () => {
    const big = JSON.stringify({ upsert: [{ bh: 'x', xm: 'y'.repeat(70 * 1024) }] });
    await expectProblem(
      await send('POST', batchPath, big, { ...json, 'idempotency-key': 'big' }),
      413,
      'request.too_large',
    );
  });

  it('unknown fields and values outside the schema', async () => {
    const unknown = await expectProblem(
      await send(
        'POST',
        '/v1/share-requests',
        JSON.stringify({ resource: entry.code, purpose: '核验', urgent: true }),
        json,
      ),
      400,
      'request.invalid',
    );
    expect(JSON.stringify(unknown.errors)).toContain('urgent');
    await expectProblem(
      await send('POST', batchPath, JSON.stringify({ upsert: [], remove: [] }), {
        ...json,
        'idempotency-key': 'u',
      }),
      400,
      'request.invalid',
    );
    await expectProblem(
      await send('POST', batchPath, JSON.stringify({ upsert: 'all' }), { ...json, 'idempotency-key': 'u2' }),
      400,
      'request.invalid',
    );
    // BatchRequest has minProperties 1: a batch of nothing is a mistake, not a batch.
    await expectProblem(
      await send('POST', batchPath, '{}', { ...json, 'idempotency-key': 'u3' }),
      400,
      'request.invalid',
    );
    for (const query of [
      'limit=0',
      'limit=1001',
      'limit=abc',
      'status=archived',
      'shareType=public',
      'cursor=%00%01',
    ]) {
      await expectProblem(await send('GET', `/v1/catalog/resources?${query}`), 400, 'request.invalid');
    }
    await expectProblem(
      await send('GET', `/v1/catalog/resources/${codePath(entry.code)}/changes?after=bm90LW91cnM`),
      400,
    );
    await expectProblem(
      await send('GET', `/v1/catalog/resources/${codePath(entry.code)}/records?filter[nope]=1`),
      400,
    );
  });

  it('path traversal in parameters', async () => {
    const traversal = '..%2F..%2Fetc%2Fpasswd';
    for (const path of [
      `/v1/catalog/resources/${traversal}`,
      `/v1/catalog/resources/${traversal}/records`,
      `/v1/catalog/resources/${traversal}/changes`,
      `/v1/catalog/resources/${traversal}/quality`,
      `/v1/departments/${traversal}`,
      `/v1/codesets/${traversal}`,
      `/v1/share-requests/${traversal}`,
    ]) {
      const response = await send('GET', path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      await expectProblem(response, response.status);
    }
    await expectProblem(await send('GET', '/v1/../../etc/passwd'), 404, 'route.not_found');
    await expectProblem(
      await send('POST', `/v1/catalog/resources/${traversal}/records/batch`, '{}', {
        ...json,
        'idempotency-key': 't',
      }),
      404,
      'resource.not_found',
    );
  });

  it('unknown routes and methods', async () => {
    await expectProblem(await send('GET', '/v1/nothing-here'), 404, 'route.not_found');
    await expectProblem(await send('DELETE', '/v1/catalog/resources'), 404, 'route.not_found');
  });

  it('echoes the caller’s request id, and makes one when absent or unusable', async () => {
    const echoed = await send('GET', '/v1/nothing', undefined, { 'x-request-id': 'trace-123' });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    expect(((await echoed.json()) as { requestId: string }).requestId).toBe('trace-123');
    const replaced = await send('GET', '/v1/health', undefined, { 'x-request-id': 'x'.repeat(500) });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('arbitrary JSON bodies never make the exchange fail (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(batchPath, '/v1/share-requests', '/v1/catalog/resources'),
        async (value, path) => {
          const response = await send('POST', path, JSON.stringify(value), {
            ...json,
            'idempotency-key': `p-${Math.random()}`,
          });
          await response.arrayBuffer();
          return response.status < 500;
        },
      ),
      { numRuns: 60 },
    );
  });
});
