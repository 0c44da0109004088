import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import { entryFor, publishEntry, startDemo } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

/** A report of a run that read `rowsRead` rows and refused some locally. */
function report(
  rowsRead: number,
  accepted: number,
  byReason: Record<string, number>,
  total: number,
  runId?: string,
) {
  return {
    ...(runId ? { runId } : {}),
    mode: 'full' as const,
    rowsRead,
    accepted,
    refusedLocally: { total, byReason },
  };
}

describe('sync run reports and the quality figures of both kinds of rejects', () => {
  let sandbox: Demo;
  const entry = entryFor('minzheng', 51);
  beforeAll(async () => {
    sandbox = await startDemo();
    await publishEntry(clientFor(sandbox.url, 'minzheng'), entry);
  });
  afterAll(() => sandbox.close());

  it('refuses a department without the provider role, and another provider', async () => {
    const body = report(5, 5, {}, 0);
    await expectProblem(
      clientFor(sandbox.url, 'vendor-demo').quality.reportSyncRun(entry.code, body),
      403,
      'access.role_required',
    );
    await expectProblem(
      clientFor(sandbox.url, 'gongan').quality.reportSyncRun(entry.code, body),
      403,
      'access.forbidden',
    );
    await expectProblem(
      clientFor(sandbox.url, 'dashuju').quality.reportSyncRun(entry.code, body),
      403,
      'access.forbidden',
    );
    const quality = (await clientFor(sandbox.url, 'minzheng').quality.get(entry.code)).data;
    expect(quality.rowsRead).toBe(0);
  });

  it('refuses reports outside the contract or whose figures cannot belong to one run', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    await expectProblem(
      minzheng.quality.reportSyncRun(entry.code, report(10, 9, {}, 2)),
      422,
      'sync_run.inconsistent',
    );
    await expectProblem(
      minzheng.quality.reportSyncRun(entry.code, report(10, 5, { codes: 3 }, 2)),
      422,
      'sync_run.inconsistent',
    );
    await expectProblem(
      minzheng.quality.reportSyncRun(entry.code, {
        ...report(10, 5, {}, 0),
        startedAt: '2026-11-22T08:00:00.000Z',
        finishedAt: '2026-11-22T07:00:00.000Z',
      }),
      422,
      'sync_run.inconsistent',
    );
    const extra = { ...report(10, 5, {}, 0), rejected: 3 } as unknown as ReturnType<typeof report>;
    await expectProblem(minzheng.quality.reportSyncRun(entry.code, extra), 400, 'request.invalid');
    const reasons = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`rule${i}`, 1]));
    await expectProblem(
      minzheng.quality.reportSyncRun(entry.code, report(300, 0, reasons, 201)),
      400,
      'request.invalid',
    );
    await expectProblem(
      minzheng.quality.reportSyncRun(entry.code, report(10, 0, { ['x'.repeat(101)]: 1 }, 1)),
      400,
      'request.invalid',
    );
    // A prototype key among the reasons is refused as everywhere else in the contract.
    const body = `{"rowsRead":3,"accepted":0,"refusedLocally":{"total":1,"byReason":{"__proto__":1}}}`;
    await expectProblem(
      minzheng.request('reportSyncRun', { path: { code: entry.code }, body: JSON.parse(body) }),
      400,
      'request.invalid',
    );
    expect((await minzheng.quality.get(entry.code)).data.rowsRead).toBe(0);
  });

  it('shows rows refused by the client and operations rejected by the exchange, and the rate over rows read', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const before = (await minzheng.quality.get(entry.code)).data;
    expect(before).toMatchObject({
      rejectRate: 0,
      rowsRead: 0,
      refusedLocally: { total: 0, byReason: {} },
      rejectedByExchange: 0,
      rowRejectRate: 0,
    });
    // The exchange sees 4 records and rejects the one without a key.
    const batch = await minzheng.records.batch(entry.code, {
      upsert: [
        { bh: 'Q1', xm: '甲', nl: 1 },
        { bh: 'Q2', xm: '乙', nl: 2 },
        { bh: 'Q3', xm: '丙', nl: 3 },
        { xm: '丁', nl: 4 },
      ],
    });
    expect(batch.data.rejected).toBe(1);
    // The client read 6 rows and refused 2 before sending (one of them for two reasons).
    const first = await minzheng.quality.reportSyncRun(
      entry.code,
      report(6, 3, { codes: 2, required: 1 }, 2, 'run-1'),
    );
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ resource: entry.code, report: { runId: 'run-1', rowsRead: 6 } });
    // The same run, resumed and finished, reports again: its report replaces the first.
    const again = await minzheng.quality.reportSyncRun(
      entry.code,
      report(7, 3, { codes: 2, required: 1, date: 1 }, 3, 'run-1'),
    );
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(first.data.id);

    const quality = (await minzheng.quality.get(entry.code)).data;
    expect(quality).toMatchObject({
      records: 3,
      rejectRate: 0.25,
      rowsRead: 7,
      refusedLocally: { total: 3, byReason: { codes: 2, date: 1, required: 1 } },
      rejectedByExchange: 1,
    });
    expect(quality.rowRejectRate).toBe((3 + 1) / 7);

    // A run without an id is added; the reasons add up across runs.
    const other = await minzheng.quality.reportSyncRun(entry.code, report(3, 0, { duplicate: 2 }, 2));
    expect(other.status).toBe(201);
    const after = (await minzheng.quality.get(entry.code)).data;
    expect(after.rowsRead).toBe(10);
    expect(after.refusedLocally).toEqual({
      total: 5,
      byReason: { codes: 2, date: 1, duplicate: 2, required: 1 },
    });
    expect(after.rowRejectRate).toBe((5 + 1) / 10);
    // Other readers see the same figures.
    expect((await clientFor(sandbox.url, 'dashuju').quality.get(entry.code)).data.rowsRead).toBe(10);
  });
});
