import type { ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from '../sandbox/support/client';
import { entryFor, recordsFor, startDemo } from '../sandbox/support/demo';

/**
 * Issue 12, finding 8: an entry that was never published (draft, submitted, registered) is its provider's and
 * the authority's only. Every other department gets 404 `resource.not_found` and does not find it in a list, a
 * search, by provider, by share request, or through its records, changes and quality.
 */
type Demo = Awaited<ReturnType<typeof startDemo>>;
type Stage = 'draft' | 'submitted' | 'registered';

describe('entries never published are invisible to other departments', () => {
  let sandbox: Demo;
  let gongan: ExchangeClient;
  let minzheng: ExchangeClient;
  let vendor: ExchangeClient;
  let dashuju: ExchangeClient;
  const codes = {} as Record<Stage, string>;
  /** A word only these entries contain, for the search. */
  const marker = '未发布草稿专用词';

  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
    gongan = clientFor(sandbox.url, 'gongan');
    minzheng = clientFor(sandbox.url, 'minzheng');
    vendor = clientFor(sandbox.url, 'vendor-demo');
    dashuju = clientFor(sandbox.url, 'dashuju');
    let sequence = 800;
    for (const stage of ['draft', 'submitted', 'registered'] as Stage[]) {
      const entry = {
        ...entryFor('gongan', sequence++, 'conditional'),
        summary: `${marker}，按日更新的登记信息。`,
      };
      codes[stage] = entry.code;
      let etag = (await gongan.catalog.create(entry)).etag!;
      if (stage !== 'draft') etag = (await gongan.catalog.submit(entry.code, { ifMatch: etag })).etag!;
      if (stage === 'registered') await gongan.catalog.register(entry.code, { ifMatch: etag });
    }
  });
  afterAll(() => sandbox.close());

  const stages = ['draft', 'submitted', 'registered'] as Stage[];

  it.each(stages)(
    'a %s entry: another department and a vendor get 404 for the entry and everything on it',
    async (stage) => {
      const code = codes[stage];
      for (const client of [minzheng, vendor]) {
        await expectProblem(client.catalog.get(code), 404, 'resource.not_found');
        await expectProblem(client.records.query(code).pages().next(), 404, 'resource.not_found');
        await expectProblem(client.records.changes(code).pages().next(), 404, 'resource.not_found');
        await expectProblem(client.quality.get(code), 404, 'resource.not_found');
        await expectProblem(
          client.shareRequests.create({ resource: code, purpose: '核验' }),
          404,
          'resource.not_found',
        );
      }
    },
  );

  it.each(stages)('a %s entry: its provider and the authority read it', async (stage) => {
    expect((await gongan.catalog.get(codes[stage])).data.status).toBe(stage);
    expect((await dashuju.catalog.get(codes[stage])).data.status).toBe(stage);
  });

  const listed = async (client: ExchangeClient, query: Parameters<ExchangeClient['catalog']['list']>[0]) => {
    const found: string[] = [];
    for await (const item of client.catalog.list(query)) found.push(item.code);
    return found.sort();
  };

  it('lists, searches and provider filters show them to the provider and the authority only', async () => {
    const all = Object.values(codes).sort();
    for (const query of [{}, { q: marker }, { provider: 'gongan' }, { provider: '11330100MB0000019K' }]) {
      expect(await listed(minzheng, query)).toEqual([]);
      expect(await listed(vendor, query)).toEqual([]);
      expect(await listed(gongan, query)).toEqual(all);
      expect(await listed(dashuju, query)).toEqual(all);
    }
    expect(await listed(minzheng, { status: 'draft' })).toEqual([]);
  });

  it("the exchange's lint of another department's entry does not quote a draft (一数一源 against drafts)", async () => {
    const claim = (entry: ReturnType<typeof entryFor>): ReturnType<typeof entryFor> => ({
      ...entry,
      items: (entry.items ?? []).map((item) =>
        item.key === 'xm' ? { ...item, source: 'authoritative' as const } : item,
      ),
    });
    const draft = claim(entryFor('gongan', 850, 'conditional'));
    await gongan.catalog.create(draft);
    const mine = claim(entryFor('minzheng', 851, 'conditional'));
    const created = await minzheng.catalog.create(mine);
    const quoted = JSON.stringify(created.data.diagnostics ?? []);
    expect(quoted).not.toContain('某市公安局');
    expect(quoted).not.toContain(draft.code);
    // The authority sees every draft, so its review of the same claim names the conflict.
    const review = await expectProblem(
      dashuju.catalog.create(claim(entryFor('dashuju', 852, 'conditional'))),
      422,
      'catalog.lint_failed',
    );
    expect(JSON.stringify(review.problem.errors)).toContain('某市公安局');
  });

  it('once published, other departments see it', async () => {
    const registered = await gongan.catalog.get(codes.registered);
    await gongan.catalog.publish(codes.registered, { ifMatch: registered.etag! });
    expect((await minzheng.catalog.get(codes.registered)).data.status).toBe('published');
    expect(await listed(minzheng, { q: marker })).toEqual([codes.registered]);
    await gongan.records.batch(codes.registered, { upsert: recordsFor(1) });
    await expectProblem(
      minzheng.records.query(codes.registered).pages().next(),
      403,
      'access.share_request_required',
    );
  });
});
