import type { ExchangeClient } from '@unsilo/sdk';
import type { CatalogEntry } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from '../sandbox/support/client';
import { entryFor, publishEntry, recordsFor, startDemo } from '../sandbox/support/demo';

/**
 * Issue 12, finding 5: a change to a published entry waits for re-publication. Opening a `conditional` resource
 * to `unconditional` by an update does not open its data: until the change is published, other departments see,
 * read and ask for the version in force, and pushed records are checked against it.
 */
type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('a share-type change takes effect only when published again', () => {
  let sandbox: Demo;
  let gongan: ExchangeClient;
  let minzheng: ExchangeClient;
  const published = entryFor('gongan', 700, 'conditional');
  const code = published.code;
  /** The pending change: unconditional, and the name item shortened to 2 characters. */
  const change: CatalogEntry = {
    ...entryFor('gongan', 700, 'unconditional'),
    items: published.items!.map((item) => (item.key === 'xm' ? { ...item, length: 2 } : item)),
  };

  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
    gongan = clientFor(sandbox.url, 'gongan');
    minzheng = clientFor(sandbox.url, 'minzheng');
    const { etag } = await publishEntry(gongan, published);
    await gongan.records.batch(code, { upsert: recordsFor(2) });
    const updated = await gongan.catalog.update(code, change, { ifMatch: etag });
    expect(updated.data.status).toBe('submitted');
  });
  afterAll(() => sandbox.close());

  it('other departments still need an approved share request to read records and changes', async () => {
    await expectProblem(minzheng.records.query(code).pages().next(), 403, 'access.share_request_required');
    await expectProblem(minzheng.records.changes(code).pages().next(), 403, 'access.share_request_required');
    await expectProblem(minzheng.quality.get(code), 403, 'access.share_request_required');
  });

  it('other departments see the version in force; the provider and the authority see the pending one beside it', async () => {
    const seen = await minzheng.catalog.get(code);
    expect(seen.data.status).toBe('published');
    expect(seen.data.entry.share.type).toBe('conditional');
    expect(seen.data.history?.map((event) => event.status)).toEqual([
      'draft',
      'submitted',
      'registered',
      'published',
    ]);
    expect(seen.data).not.toHaveProperty('published');
    for (const client of [gongan, clientFor(sandbox.url, 'dashuju')]) {
      const own = await client.catalog.get(code);
      expect(own.data.status).toBe('submitted');
      expect(own.data.entry.share.type).toBe('unconditional');
      expect((own.data as { published?: { entry: CatalogEntry } }).published?.entry.share.type).toBe(
        'conditional',
      );
      expect(own.etag).not.toBe(seen.etag);
    }
  });

  it('lists and their filters use the version in force for other departments', async () => {
    const list = async (client: ExchangeClient, shareType: 'conditional' | 'unconditional') => {
      const found: string[] = [];
      for await (const item of client.catalog.list({ shareType, provider: 'gongan' }))
        found.push(`${item.code} ${item.status} ${item.shareType}`);
      return found;
    };
    expect(await list(minzheng, 'unconditional')).toEqual([]);
    expect(await list(minzheng, 'conditional')).toEqual([`${code} published conditional`]);
    expect(await list(gongan, 'unconditional')).toEqual([`${code} submitted unconditional`]);
  });

  it('a share request is still taken, as for the conditional version in force', async () => {
    const request = await minzheng.shareRequests.create({ resource: code, purpose: '低保资格核验' });
    expect(request.data.status).toBe('pending');
  });

  it('records pushed meanwhile are checked against the version in force', async () => {
    const result = await gongan.records.batch(code, {
      upsert: [{ bh: 'P00000001', xm: '张三丰先生', nl: 40 }],
    });
    expect({ accepted: result.data.accepted, rejected: result.data.rejected }).toEqual({
      accepted: 1,
      rejected: 0,
    });
  });

  it('publishing the change puts it in force', async () => {
    const submitted = await gongan.catalog.get(code);
    const registered = await gongan.catalog.register(code, { ifMatch: submitted.etag! });
    await gongan.catalog.publish(code, { ifMatch: registered.etag! });
    const page = await minzheng.records.query(code).pages().next();
    expect(page.value?.items.map((record) => record.bh)).toEqual(['P00000001', 'R00000000', 'R00000001']);
    const seen = await minzheng.catalog.get(code);
    expect({ status: seen.data.status, share: seen.data.entry.share.type }).toEqual({
      status: 'published',
      share: 'unconditional',
    });
    const rejected = await gongan.records.batch(code, {
      upsert: [{ bh: 'P00000002', xm: '张三丰先生', nl: 40 }],
    });
    expect(rejected.data.rejected).toBe(1);
  });
});
