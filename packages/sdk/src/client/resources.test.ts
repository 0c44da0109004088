import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createExchangeClient } from './create-client';
import type { Schemas } from './operations';
import type { ExchangeResponse } from './resources/caller';
import { clientFor, resourceCode, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe('catalogue resources', () => {
  it('percent-encodes the "/" of a resource code into one path segment', async () => {
    await clientFor(server).catalog.get(resourceCode);
    const [request] = server.requestsFor('getResource');
    expect(request?.url).toBe('/v1/catalog/resources/307001030801%2F000012');
  });

  it('returns the entity with its ETag, and sends it back as If-Match', async () => {
    const client = clientFor(server);
    const { data, etag } = await client.catalog.get(resourceCode);
    expect(data).toEqual(server.example('getResource'));
    expect(etag).toBe((server.example('getResource') as { etag: string }).etag);
    await client.catalog.update(resourceCode, data.entry, { ifMatch: etag as string });
    await client.catalog.submit(resourceCode, { ifMatch: 'W/"2"' });
    await client.catalog.withdraw(resourceCode, { reason: '数据已迁移' }, { ifMatch: 'W/"3"' });
    expect(server.requestsFor('updateResource')[0]?.headers['if-match']).toBe(etag);
    expect(server.requestsFor('submitResource')[0]?.headers['if-match']).toBe('W/"2"');
    const [withdraw] = server.requestsFor('withdrawResource');
    expect(withdraw?.headers['if-match']).toBe('W/"3"');
    expect(JSON.parse(withdraw?.body ?? '')).toEqual({ reason: '数据已迁移' });
  });

  it('answers a conditional read with notModified on 304', async () => {
    server.handle('getResource', (request) =>
      request.headers['if-none-match'] === 'W/"7"'
        ? { status: 304, headers: { etag: 'W/"7"' } }
        : { status: 200, body: server.example('getResource') },
    );
    const result = await clientFor(server).catalog.get(resourceCode, { ifNoneMatch: 'W/"7"' });
    expect(result).toMatchObject({ notModified: true, status: 304, etag: 'W/"7"' });
  });

  it('runs every life-cycle transition against its own path', async () => {
    const client = clientFor(server);
    await client.catalog.register(resourceCode, { ifMatch: 'a' });
    await client.catalog.publish(resourceCode, { ifMatch: 'b' });
    expect(server.requestsFor('registerResource')[0]?.url).toBe(
      '/v1/catalog/resources/307001030801%2F000012/register',
    );
    expect(server.requestsFor('publishResource')[0]?.url).toBe(
      '/v1/catalog/resources/307001030801%2F000012/publish',
    );
  });
});

describe('records', () => {
  it('sends record filters in the deepObject style', async () => {
    await clientFor(server)
      .records.query(resourceCode, { filter: { xb: '1', xzqh: '330100' }, limit: 50 })
      .firstPage();
    const [request] = server.requestsFor('queryRecords');
    expect(decodeURIComponent(request?.url ?? '')).toBe(
      '/v1/catalog/resources/307001030801/000012/records?filter[xb]=1&filter[xzqh]=330100&limit=50',
    );
    expect(request?.url.startsWith('/v1/catalog/resources/307001030801%2F000012/records?')).toBe(true);
  });

  it('reports a replayed batch', async () => {
    server.handle('batchRecords', () => ({
      status: 200,
      body: server.example('batchRecords'),
      headers: { 'idempotent-replayed': 'true' },
    }));
    const result = await clientFor(server).records.batch(
      resourceCode,
      { upsert: [] },
      {
        idempotencyKey: 'k-1',
      },
    );
    expect(result).toMatchObject({ replayed: true, idempotencyKey: 'k-1', status: 200 });
    expect(result.data).toEqual(server.example('batchRecords'));
  });

  it('sends a batch the caller has already serialised as is', async () => {
    const body = { upsert: [{ gmsfhm: '11010519491231002X', xm: '张三' }] };
    // Indented, so that a second serialisation by the client would show.
    const bodyText = JSON.stringify(body, null, 2);
    await clientFor(server).records.batch(resourceCode, body, { idempotencyKey: 'k-2', rawBody: bodyText });
    await clientFor(server).records.batch(resourceCode, body, {
      idempotencyKey: 'k-3',
      rawBody: new TextEncoder().encode(bodyText),
    });
    const requests = server.requestsFor('batchRecords');
    expect(requests.map((request) => request.body)).toEqual([bodyText, bodyText]);
    expect(requests[1]?.headers['content-type']).toBe('application/json');
  });
});

describe('other namespaces', () => {
  it('reach their operations', async () => {
    const client = clientFor(server);
    await client.departments.get('dept-1');
    await client.codesets.get('gbt-2261-1');
    await client.shareRequests.create({ resource: resourceCode, purpose: '低保资格核查' });
    await client.shareRequests.get('sr-1');
    await client.shareRequests.approve('sr-1');
    await client.shareRequests.refuse('sr-2', { reason: '用途不明确' });
    await client.quality.get(resourceCode);
    for (const operationId of [
      'getDepartment',
      'getCodeSet',
      'createShareRequest',
      'getShareRequest',
      'approveShareRequest',
      'refuseShareRequest',
      'getQuality',
    ]) {
      expect(server.requestsFor(operationId), operationId).toHaveLength(1);
    }
    expect(server.requestsFor('getCodeSet')[0]?.url).toBe('/v1/codesets/gbt-2261-1');
  });

  it('reads health and receipt keys without credentials', async () => {
    const client = createExchangeClient({ baseUrl: server.url });
    await expect(client.health()).resolves.toMatchObject({ status: 200 });
    await expect(client.receiptKeys()).resolves.toMatchObject({ status: 200 });
    expect(server.requestsFor('getHealth')[0]?.headers.authorization).toBeUndefined();
    expect(server.tokenRequests).toBe(0);
  });

  it('calls any operation by operationId through request()', async () => {
    const { data } = await clientFor(server).request('getCodeSet', { path: { id: 'gbt-3304' } });
    expect(data).toEqual(server.example('getCodeSet'));
  });

  it('reports every attempt to onRequest without credentials', async () => {
    const events: unknown[] = [];
    server.inject('getHealth', { status: 503 });
    await clientFor(server, { onRequest: (event) => events.push(event) }).health({ requestId: 'r-1' });
    expect(events).toEqual([
      {
        operationId: 'getHealth',
        method: 'GET',
        url: `${server.url}/v1/health`,
        requestId: 'r-1',
        attempt: 1,
      },
      {
        operationId: 'getHealth',
        method: 'GET',
        url: `${server.url}/v1/health`,
        requestId: 'r-1',
        attempt: 2,
      },
    ]);
  });

  it('refuses a base URL that is not absolute http(s)', () => {
    expect(() => createExchangeClient({ baseUrl: 'localhost:7300' })).toThrow(/baseUrl/);
    expect(() => createExchangeClient({ baseUrl: 'http://u:p@host' })).toThrow(/credentials/);
  });
});

describe('types', () => {
  it('come from the generated contract, with no generics to write', () => {
    const client = createExchangeClient({ baseUrl: 'http://127.0.0.1:7300' });
    const get = (code: string) => client.catalog.get(code);
    expectTypeOf(get).returns.resolves.toEqualTypeOf<ExchangeResponse<Schemas['Resource']>>();
    expectTypeOf(client.catalog.create).parameter(0).toEqualTypeOf<Schemas['CatalogEntry']>();
    expectTypeOf(client.catalog.list().firstPage).returns.resolves.toHaveProperty('items');
    expectTypeOf<
      Awaited<ReturnType<ReturnType<typeof client.catalog.list>['firstPage']>>['items'][number]
    >().toEqualTypeOf<Schemas['ResourceSummary']>();
    expectTypeOf(client.records.batch).parameter(1).toEqualTypeOf<Schemas['BatchRequest']>();
    expectTypeOf(client.records.batch)
      .returns.resolves.toHaveProperty('data')
      .toEqualTypeOf<Schemas['BatchResult']>();
    expectTypeOf(client.health).returns.resolves.toHaveProperty('data').toEqualTypeOf<Schemas['Health']>();
    // @ts-expect-error getCodeSet's path parameter is `id`, not `code`
    void (() => client.request('getCodeSet', { path: { code: 'gbt-3304' } }));
    // @ts-expect-error a withdrawal needs the current ETag
    void (() => client.catalog.withdraw(resourceCode, { reason: '停用' }));
  });
});
