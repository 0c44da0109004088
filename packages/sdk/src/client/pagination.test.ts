import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeError } from './errors/ExchangeError';
import { clientFor, resourceCode, startServer } from './test-support/fixtures';
import type { SpecServer } from './test-support/spec-server';

let server: SpecServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

function resources(count: number) {
  const example = (server.example('listResources') as { items: Array<Record<string, unknown>> }).items[0];
  return Array.from({ length: count }, (_, i) => ({
    ...example,
    code: `307001030801/${String(i).padStart(6, '0')}`,
  }));
}

describe('pagination', () => {
  it('iterates every item across three pages, lazily', async () => {
    const all = resources(7);
    server.paginate('listResources', all);
    const list = clientFor(server).catalog.list({ provider: '307001', limit: 3 });
    expect(server.requestsFor('listResources')).toHaveLength(0);
    const codes: unknown[] = [];
    for await (const resource of list) codes.push(resource.code);
    expect(codes).toEqual(all.map((r) => r.code));
    const urls = server.requestsFor('listResources').map((request) => request.url);
    expect(urls).toEqual([
      '/v1/catalog/resources?provider=307001&limit=3',
      '/v1/catalog/resources?provider=307001&limit=3&cursor=3',
      '/v1/catalog/resources?provider=307001&limit=3&cursor=6',
    ]);
  });

  it('hands out pages with their cursors, to resume later', async () => {
    server.paginate('listResources', resources(7));
    const pages = [];
    for await (const page of clientFor(server).catalog.list({ limit: 3 }).pages()) pages.push(page);
    expect(pages.map((page) => [page.items.length, page.nextCursor])).toEqual([
      [3, '3'],
      [3, '6'],
      [1, null],
    ]);
    const resumed = await clientFor(server).catalog.list({ limit: 3, cursor: '6' }).toArray();
    expect(resumed).toHaveLength(1);
  });

  it('stops early without fetching the remaining pages', async () => {
    server.paginate('listResources', resources(7));
    for await (const _ of clientFor(server).catalog.list({ limit: 3 })) break;
    expect(server.requestsFor('listResources')).toHaveLength(1);
  });

  it('pages the change feed with `after`', async () => {
    const change = (server.example('listChanges') as { items: unknown[] }).items[0] as Record<
      string,
      unknown
    >;
    server.paginate(
      'listChanges',
      Array.from({ length: 5 }, (_, i) => ({ ...change, seq: i + 1 })),
      'after',
    );
    const seqs: unknown[] = [];
    for await (const entry of clientFor(server).records.changes(resourceCode, { limit: 2 })) {
      seqs.push(entry.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(
      server.requestsFor('listChanges').map((request) => new URL(request.url, 'http://x').search),
    ).toEqual(['?limit=2', '?limit=2&after=2', '?limit=2&after=4']);
  });

  it('refuses to loop on a server that repeats its cursor', async () => {
    server.handle('listResources', () => ({ status: 200, body: { items: [], nextCursor: 'same' } }));
    const error = await clientFor(server)
      .catalog.list({ cursor: 'same' })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).code).toBe('pagination.stalled');
  });
});
