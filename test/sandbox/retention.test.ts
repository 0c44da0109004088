import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxOptions, startSandbox } from '@unsilo/sandbox';
import { type ExchangeClient, verifyReceipt } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../helpers/test-database';
import { clientFor, expectProblem } from './support/client';
import { entryFor, publishEntry, startDemo, testStorage } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;
const dayMs = 24 * 3600 * 1000;

async function feedOf(client: ExchangeClient, code: string, after?: string) {
  const changes = [];
  for await (const change of client.records.changes(code, { after, limit: 1000 })) changes.push(change);
  return changes.map((c) => `${c.op} ${c.key.bh}${c.record ? ` ${c.record.xm}` : ''}`);
}

async function recordsOf(client: ExchangeClient, code: string) {
  const records = [];
  for await (const record of client.records.query(code, { limit: 1000 })) records.push(record);
  return records;
}

describe('retention window: superseded versions leave the change feed, current ones stay', () => {
  let sandbox: Demo;
  let keepsAll: Demo;
  const entry = entryFor('minzheng', 71);
  beforeAll(async () => {
    [sandbox, keepsAll] = await Promise.all([
      startDemo({ retentionDays: 30, compactionIntervalMs: 3600_000 }),
      startDemo(),
    ]);
    await publishEntry(clientFor(sandbox.url, 'minzheng'), entry);
  });
  afterAll(() => Promise.all([sandbox.close(), keepsAll.close()]));

  it('compacts versions older than the window to the current one; followers end with the same records', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const authority = clientFor(sandbox.url, 'dashuju');
    const first = await minzheng.records.batch(entry.code, {
      upsert: [
        { bh: 'A1', xm: '甲一', nl: 30 },
        { bh: 'A2', xm: '乙一', nl: 31 },
        { bh: 'A3', xm: '丙一', nl: 32 },
      ],
    });
    let cursor: string | undefined;
    for await (const page of minzheng.records.changes(entry.code).pages()) cursor = page.nextCursor ?? cursor;
    await minzheng.records.batch(entry.code, {
      upsert: [{ bh: 'A1', xm: '甲二', nl: 30 }],
      delete: [{ bh: 'A2' }],
    });
    sandbox.clock.advance(31 * dayMs);
    await minzheng.records.batch(entry.code, { upsert: [{ bh: 'A3', xm: '丙二', nl: 32 }] });
    expect(await feedOf(minzheng, entry.code)).toEqual([
      'upsert A1 甲一',
      'upsert A2 乙一',
      'upsert A3 丙一',
      'upsert A1 甲二',
      'delete A2',
      'upsert A3 丙二',
    ]);

    const compaction = await authority.retention.compact();
    expect(compaction.data).toEqual({
      retentionDays: 30,
      before: new Date(sandbox.clock.ms - 30 * dayMs).toISOString(),
      versions: 3,
    });
    expect(await feedOf(minzheng, entry.code)).toEqual(['upsert A1 甲二', 'delete A2', 'upsert A3 丙二']);
    // A follower that had read the first batch ends with exactly the exchange's records.
    expect(await feedOf(minzheng, entry.code, cursor)).toEqual([
      'upsert A1 甲二',
      'delete A2',
      'upsert A3 丙二',
    ]);
    expect(await recordsOf(minzheng, entry.code)).toEqual([
      { bh: 'A1', xm: '甲二', nl: 30 },
      { bh: 'A3', xm: '丙二', nl: 32 },
    ]);
    // Receipts cover hashes, not the stored versions: the first batch's still verifies.
    const keys = (await minzheng.receiptKeys()).data;
    expect(await verifyReceipt(first.data.receipt, keys)).toMatchObject({ valid: true });
    // Nothing left to remove.
    expect((await authority.retention.compact()).data.versions).toBe(0);
  });

  it('is the authority’s alone, and refused by an exchange that keeps every version', async () => {
    await expectProblem(clientFor(sandbox.url, 'minzheng').retention.compact(), 403, 'access.role_required');
    await expectProblem(
      clientFor(keepsAll.url, 'dashuju').retention.compact(),
      409,
      'retention.not_configured',
    );
  });
});

describe('erasure of a data subject (个人信息保护法): across resources, by key, followed by followers', () => {
  let sandbox: Demo;
  const subject = 'P330102199001011234';
  const minzhengEntry = entryFor('minzheng', 72);
  const gonganEntry = entryFor('gongan', 73);
  beforeAll(async () => {
    sandbox = await startDemo();
    await publishEntry(clientFor(sandbox.url, 'minzheng'), minzhengEntry);
    await publishEntry(clientFor(sandbox.url, 'gongan'), gonganEntry);
    const minzheng = clientFor(sandbox.url, 'minzheng');
    await minzheng.records.batch(minzhengEntry.code, {
      upsert: [
        { bh: subject, xm: '张三', nl: 36 },
        { bh: 'X1', xm: '李四', nl: 40 },
        // Holds the subject as part of a longer key: not the subject.
        { bh: `${subject}5`, xm: '王五', nl: 41 },
      ],
    });
    await minzheng.records.batch(minzhengEntry.code, { upsert: [{ bh: subject, xm: '张三改', nl: 36 }] });
    const gongan = clientFor(sandbox.url, 'gongan');
    await gongan.records.batch(gonganEntry.code, { upsert: [{ bh: subject, xm: '张三', nl: 36 }] });
    await gongan.records.batch(gonganEntry.code, {
      delete: [{ bh: subject }],
      upsert: [{ bh: 'Z1', xm: '赵六', nl: 50 }],
    });
  });
  afterAll(() => sandbox.close());

  it('plans with dryRun, changes nothing on a refusal, then erases every version and leaves a delete', async () => {
    const authority = clientFor(sandbox.url, 'dashuju');
    const reader = clientFor(sandbox.url, 'renshe');
    let cursor: string | undefined;
    for await (const page of reader.records.changes(minzhengEntry.code).pages())
      cursor = page.nextCursor ?? cursor;
    const before = await feedOf(reader, minzhengEntry.code);
    const reason = '本人申请删除（受理编号 2026-118）';

    const plan = await authority.retention.erase({ subject, reason, dryRun: true });
    const figures = [
      { resource: minzhengEntry.code, records: 1, versions: 2 },
      { resource: gonganEntry.code, records: 0, versions: 2 },
    ].sort((a, b) => (a.resource < b.resource ? -1 : 1));
    expect(plan.data).toMatchObject({ dryRun: true, resources: figures, records: 1, versions: 4 });
    expect(await feedOf(reader, minzhengEntry.code)).toEqual(before);

    await expectProblem(
      authority.retention.erase({ subject, reason, resources: [minzhengEntry.code, '307001030801/999999'] }),
      404,
      'resource.not_found',
    );
    await expectProblem(
      clientFor(sandbox.url, 'minzheng').retention.erase({ subject, reason }),
      403,
      'access.role_required',
    );
    expect(await feedOf(reader, minzhengEntry.code)).toEqual(before);

    const erased = await authority.retention.erase({ subject, reason });
    expect(erased.data).toMatchObject({ dryRun: false, resources: figures, records: 1, versions: 4 });
    expect(erased.data.subjectDigest).toBe(plan.data.subjectDigest);
    expect(await feedOf(reader, minzhengEntry.code)).toEqual([
      'upsert X1 李四',
      `upsert ${subject}5 王五`,
      `delete ${subject}`,
    ]);
    expect(await feedOf(reader, gonganEntry.code)).toEqual(['upsert Z1 赵六', `delete ${subject}`]);
    // A follower that had the subject's record gets the delete and erases its copy too.
    expect(await feedOf(reader, minzhengEntry.code, cursor)).toEqual([`delete ${subject}`]);
    expect((await recordsOf(reader, minzhengEntry.code)).map((r) => r.bh)).toEqual([`${subject}5`, 'X1']);

    // The audit log says who erased, why and how much, with a keyed digest instead of the subject.
    const events = [];
    for await (const event of authority.audit.list({ action: 'erasure.run' })) events.push(event);
    expect(events.map((e) => [e.department, e.status, e.detail?.dryRun, e.detail?.records])).toEqual([
      ['dashuju', 200, false, 1],
      ['minzheng', 403, undefined, undefined],
      ['dashuju', 404, undefined, undefined],
      ['dashuju', 200, true, 1],
    ]);
    expect(events[0]!.detail).toMatchObject({
      reason,
      subjectDigest: erased.data.subjectDigest,
      versions: 4,
    });
    expect(JSON.stringify(events)).not.toContain(subject);

    // Erasing again finds only the delete it left.
    const again = await authority.retention.erase({ subject, reason, dryRun: true });
    expect(again.data.records).toBe(0);
  });
});

describe('an erasure outlasts a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unsilo-erasure-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the erased record does not come back when the exchange starts again on the same data', async () => {
    // The same storage for both starts: a data file on SQLite (the `records` index is replayed from the feed at
    // start), the same database on PostgreSQL.
    const storage: SandboxOptions = testPostgresUrl() ? await testStorage() : { dataFile: join(dir, 'x.db') };
    const entry = entryFor('minzheng', 74);
    const first = await startSandbox(storage);
    try {
      const minzheng = clientFor(first.url, 'minzheng');
      await publishEntry(minzheng, entry);
      await minzheng.records.batch(entry.code, {
        upsert: [
          { bh: 'K1', xm: '甲', nl: 1 },
          { bh: 'K2', xm: '乙', nl: 2 },
        ],
      });
      const erased = await clientFor(first.url, 'dashuju').retention.erase({ subject: 'K1', reason: 'test' });
      expect(erased.data.records).toBe(1);
    } finally {
      await first.close();
    }
    const second = await startSandbox(storage);
    try {
      const reader = clientFor(second.url, 'minzheng');
      expect((await recordsOf(reader, entry.code)).map((r) => r.bh)).toEqual(['K2']);
      expect(await feedOf(reader, entry.code)).toEqual(['upsert K2 乙', 'delete K1']);
    } finally {
      await second.close();
    }
  });
});
