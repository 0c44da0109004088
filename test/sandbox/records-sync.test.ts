import { verifyReceipt } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import { codePath, entryFor, publishEntry, recordsFor, startDemo, tokenFor } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('records: batches, queries, change feed, receipts (SDK client over HTTP)', () => {
  let sandbox: Demo;
  const entry = entryFor('minzheng', 1);
  beforeAll(async () => {
    sandbox = await startDemo();
    await publishEntry(clientFor(sandbox.url, 'minzheng'), entry);
  });
  afterAll(() => sandbox.close());

  it('syncs in batches: upserts, updates, deletes; the records and the feed agree', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const all = recordsFor(1200);
    for (let start = 0; start < all.length; start += 500) {
      const batch = await minzheng.records.batch(entry.code, { upsert: all.slice(start, start + 500) });
      expect(batch.data).toMatchObject({ accepted: Math.min(500, all.length - start), rejected: 0 });
    }
    // Update two, delete three (one of them never existed), in one batch.
    const changed = await minzheng.records.batch(entry.code, {
      upsert: [
        { bh: 'R00000000', xm: '改名', nl: 30 },
        { bh: 'R00000001', xm: '另一个', nl: 31 },
      ],
      delete: [{ bh: 'R00000002' }, { bh: 'R00000003' }, { bh: 'NOPE' }],
    });
    expect(changed.data.results.map((r) => `${r.op}${r.index}:${r.status}`)).toEqual([
      'upsert0:accepted',
      'upsert1:accepted',
      'delete0:accepted',
      'delete1:accepted',
      'delete2:accepted',
    ]);

    const records = [];
    for await (const record of minzheng.records.query(entry.code, { limit: 500 })) records.push(record);
    expect(records).toHaveLength(1198);
    expect(records[0]).toEqual({ bh: 'R00000000', xm: '改名', nl: 30 });
    expect(records.find((r) => r.bh === 'R00000002')).toBeUndefined();

    const filtered = [];
    for await (const record of minzheng.records.query(entry.code, { filter: { xm: '另一个' } }))
      filtered.push(record);
    expect(filtered).toEqual([{ bh: 'R00000001', xm: '另一个', nl: 31 }]);

    const changes = [];
    for await (const change of minzheng.records.changes(entry.code, { limit: 500 })) changes.push(change);
    expect(changes).toHaveLength(1200 + 2 + 2);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const tombstones = changes.filter((c) => c.op === 'delete');
    expect(tombstones.map((t) => t.key)).toEqual([{ bh: 'R00000002' }, { bh: 'R00000003' }]);
    expect(tombstones.every((t) => t.record === undefined)).toBe(true);

    // Replaying the feed over an empty replica gives the same data as the query.
    const replica = new Map<string, unknown>();
    for (const change of changes) {
      if (change.op === 'delete') replica.delete(String(change.key.bh));
      else replica.set(String(change.key.bh), change.record);
    }
    expect([...replica.values()]).toEqual(expect.arrayContaining(records));
    expect(replica.size).toBe(records.length);
  });

  it('resumes the change feed from the last cursor it kept', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const pages = minzheng.records.changes(entry.code, { limit: 1000 }).pages();
    let last: string | null = null;
    for await (const page of pages) if (page.nextCursor) last = page.nextCursor;
    expect(last).toBeTruthy();
    await minzheng.records.batch(entry.code, { upsert: [{ bh: 'NEW00001', xm: '新记录', nl: 40 }] });
    const fresh = [];
    for await (const change of minzheng.records.changes(entry.code, { after: last! })) fresh.push(change);
    expect(fresh).toEqual([expect.objectContaining({ op: 'upsert', key: { bh: 'NEW00001' } })]);
  });

  it('rejects single records with reasons while the others commit (server-side 多元校核)', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const result = await minzheng.records.batch(entry.code, {
      upsert: [
        { bh: 'OK000001', xm: '正常', nl: 50 },
        { bh: 'BAD00001', xm: '年龄不是数', nl: 'abc' },
        { bh: 'BAD00002', xm: '多了字段', nl: 1, extra: 'x' },
        { xm: '缺主键', nl: 2 },
        { bh: 'BAD00004', xm: 'x'.repeat(51), nl: 3 },
      ],
      delete: [{ xm: 'not a key' }],
    });
    expect(result.data).toMatchObject({ accepted: 1, rejected: 5 });
    const rejected = result.data.results.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => [r.op, r.index, r.errors?.[0]?.field])).toEqual([
      ['upsert', 1, 'nl'],
      ['upsert', 2, 'extra'],
      ['upsert', 3, 'bh'],
      ['upsert', 4, 'xm'],
      ['delete', 0, 'bh'],
    ]);
    for (const r of rejected) expect(r.errors?.every((e) => e.message && e.zh && e.rule)).toBe(true);
    expect(result.data.receipt).toMatchObject({ count: 6, accepted: 1, rejected: 5 });
  });

  it('signs every batch: the receipt verifies with the published keys, covers exactly the accepted operations, and fails when tampered', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const keys = (await minzheng.receiptKeys()).data;
    const upsert = [
      { bh: 'RC000001', xm: '回执一', nl: 20 },
      { bh: 'RC000002', xm: '回执二', nl: 'bad' },
    ];
    const batch = await minzheng.records.batch(entry.code, { upsert, delete: [{ bh: 'RC000009' }] });
    const receipt = batch.data.receipt;
    expect(receipt).toMatchObject({
      alg: 'Ed25519',
      resource: entry.code,
      batchId: batch.data.batchId,
      idempotencyKey: batch.idempotencyKey,
      count: 3,
      accepted: 2,
      rejected: 1,
    });
    const operations = [
      { op: 'upsert', record: upsert[0] },
      { op: 'delete', key: { bh: 'RC000009' } },
    ];
    expect(await verifyReceipt(receipt, keys, { operations })).toEqual({ valid: true, kid: receipt.kid });
    for (const [field, value] of Object.entries({
      resource: '307001030801/999999',
      batchId: 'another',
      idempotencyKey: 'another',
      count: 4,
      accepted: 3,
      rejected: 0,
      hash: 'f'.repeat(64),
      serverTime: '2030-01-01T00:00:00.000Z',
      kid: 'unknown',
    })) {
      expect((await verifyReceipt({ ...receipt, [field]: value }, keys)).valid, field).toBe(false);
    }
    // The hash binds the content: the same receipt does not vouch for other operations.
    expect(await verifyReceipt(receipt, keys, { operations: [operations[0]] })).toEqual({
      valid: false,
      reason: 'hash_mismatch',
    });
  });

  it('replays the same key and body byte for byte, refuses the key with another body, requires a key', async () => {
    const token = await tokenFor(sandbox.url, 'minzheng');
    const url = `${sandbox.url}/v1/catalog/resources/${codePath(entry.code)}/records/batch`;
    const send = (key: string | undefined, body: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body,
      });
    const body = JSON.stringify({ upsert: recordsFor(50, 'IDEM') });
    const first = await send('idem-key-1', body);
    const firstBytes = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    sandbox.clock.advance(60_000);
    const again = await send('idem-key-1', body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBytes);

    const conflict = await send('idem-key-1', JSON.stringify({ upsert: recordsFor(51, 'IDEM') }));
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'idempotency.conflict' });

    const missing = await send(undefined, body);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'idempotency.key_required' });

    // Exactly once: the replay wrote nothing.
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const idem = [];
    for await (const change of minzheng.records.changes(entry.code, { limit: 1000 })) {
      if (String(change.key.bh).startsWith('IDEM')) idem.push(change);
    }
    expect(idem).toHaveLength(50);

    // The SDK reuses a caller's key the same way.
    const viaSdk = await minzheng.records.batch(
      entry.code,
      { upsert: recordsFor(50, 'IDEM') },
      { idempotencyKey: 'idem-key-1' },
    );
    expect(viaSdk.replayed).toBe(true);
    expect(viaSdk.data).toEqual(JSON.parse(firstBytes));
  });

  it('refuses a batch of more than 5,000 operations and writes of other departments', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    await expectProblem(
      minzheng.records.batch(entry.code, {
        upsert: recordsFor(4000),
        delete: recordsFor(1001).map(({ bh }) => ({ bh })),
      }),
      413,
      'request.too_large',
    );
    await expectProblem(
      clientFor(sandbox.url, 'gongan').records.batch(entry.code, { upsert: recordsFor(1) }),
      403,
      'access.forbidden',
    );
  });

  it('measures quality: completeness per item, reject rate, and freshness against the update cycle', async () => {
    const shichang = clientFor(sandbox.url, 'shichang');
    const daily = entryFor('shichang', 7);
    await publishEntry(shichang, daily);
    const before = (await shichang.quality.get(daily.code)).data;
    expect(before).toMatchObject({
      records: 0,
      rejectRate: 0,
      lastPushAt: null,
      updateCycle: 'daily',
      stale: false,
    });

    await shichang.records.batch(daily.code, {
      upsert: [
        { bh: 'Q1', xm: '甲', nl: 1 },
        { bh: 'Q2', xm: '乙' },
        { bh: 'Q3', xm: '', nl: 3 },
        { bh: 'Q4', xm: '丁', nl: 'x' },
      ],
    });
    const after = (await shichang.quality.get(daily.code)).data;
    expect(after.records).toBe(3);
    expect(after.completeness).toEqual([
      { item: 'bh', filled: 3, ratio: 1 },
      { item: 'xm', filled: 2, ratio: 2 / 3 },
      { item: 'nl', filled: 2, ratio: 2 / 3 },
    ]);
    expect(after.rejectRate).toBe(0.25);
    expect(after.stale).toBe(false);

    sandbox.clock.advance(3 * 24 * 60 * 60 * 1000);
    const later = (await shichang.quality.get(daily.code)).data;
    expect(later.stale).toBe(true);
    expect(Date.parse(later.staleSince!)).toBe(Date.parse(after.lastPushAt!) + 2 * 24 * 60 * 60 * 1000);
    sandbox.clock.advance(-3 * 24 * 60 * 60 * 1000);
  });
});
