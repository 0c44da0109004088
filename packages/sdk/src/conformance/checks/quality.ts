import { canonicalJson } from '../../client/receipts';
import type { Quality, SyncRunReport } from '../../generated';
import { expectEqual, expectRefused } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { CheckContext, ConformanceCheck } from '../types';
import { pushVerified, refusedRecord } from './pushed-batches';

/** Rates are quotients: compared to 1e-9, so an exchange computing them another way still passes. */
function expectRate(actual: number, expected: number, what: string): void {
  if (Math.abs(actual - expected) > 1e-9) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

async function qualityOf(context: CheckContext, code: string): Promise<Quality> {
  return (await context.client('providerA').quality.get(code)).data;
}

/** A value with its members in canonical order, so that comparing does not depend on the exchange's order. */
const sorted = (value: unknown) => JSON.parse(canonicalJson(value)) as unknown;

/** The reject figures of a quality answer, for comparing in one go. */
const rejects = (q: Quality) =>
  sorted({
    rowsRead: q.rowsRead,
    refusedLocally: q.refusedLocally,
    rejectedByExchange: q.rejectedByExchange,
  });

/** A report of one run of 10 rows: 3 accepted, 6 refused locally. */
const report = (runId: string): SyncRunReport => ({
  runId,
  mode: 'full',
  rowsRead: 10,
  accepted: 3,
  refusedLocally: { total: 6, byReason: { required: 4, codes: 2 } },
});

export const qualityChecks: ConformanceCheck[] = [
  {
    id: 'quality/rejects-counted',
    title: {
      zh: '数据质量按契约统计记录数、填充率、交换平台拒收数与拒收率',
      en: 'quality counts records, fill rates, operations rejected by the exchange and the reject rates',
    },
    spec: 'getQuality, batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const records = conformanceRecords(3, 'QR');
      await pushVerified(context, code, { upsert: [...records, refusedRecord('QR99999998')] });
      await pushVerified(context, code, {
        upsert: [refusedRecord('QR99999999')],
        delete: [{ bh: records[0]!.bh }],
      });
      // 6 operations received, 2 rejected, 2 records left, every item filled; no run reported.
      const quality = await qualityOf(context, code);
      expectEqual(
        [quality.resource, quality.records, quality.updateCycle, quality.stale],
        [code, 2, 'daily', false],
        'resource, records, updateCycle, stale',
      );
      expectEqual(
        rejects(quality),
        sorted({ rowsRead: 0, refusedLocally: { total: 0, byReason: {} }, rejectedByExchange: 2 }),
        'reject counts',
      );
      expectRate(quality.rejectRate, 2 / 6, 'rejectRate');
      expectRate(quality.rowRejectRate, 2 / 6, 'rowRejectRate');
      if (quality.lastPushAt === null) throw new Error('lastPushAt is null after two batches');
      const completeness = [...quality.completeness].sort((x, y) => (x.item < y.item ? -1 : 1));
      expectEqual(
        completeness,
        ['bh', 'nl', 'xm'].map((item) => ({ item, filled: 2, ratio: 1 })),
        'completeness',
      );
    },
  },
  {
    id: 'quality/sync-run-reported',
    title: {
      zh: '提供方报告同步运行：新报告 201，同一运行再报替换之（200），质量数字随之变化',
      en: 'a reported sync run is recorded (201), a report of the same run replaces it (200), quality reflects it',
    },
    spec: 'reportSyncRun, getQuality',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      await pushVerified(context, code, {
        upsert: [...conformanceRecords(3, 'QS'), refusedRecord('QS99999999')],
      });
      const quality = context.client('providerA').quality;
      const runId = `conformance-${code.replace('/', '-')}`;
      const first = await quality.reportSyncRun(code, report(runId));
      expectEqual([first.status, first.data.resource], [201, code], 'a new report: status, resource');
      expectEqual(sorted(first.data.report), sorted(report(runId)), 'the recorded report');
      const reported = await qualityOf(context, code);
      expectEqual(
        rejects(reported),
        sorted({ rowsRead: 10, refusedLocally: report(runId).refusedLocally, rejectedByExchange: 1 }),
        'reject counts after the report',
      );
      // (6 refused locally + 1 rejected by the exchange) ÷ max(10 rows read, 4 operations received)
      expectRate(reported.rowRejectRate, 7 / 10, 'rowRejectRate after the report');

      const again = {
        ...report(runId),
        rowsRead: 12,
        refusedLocally: { total: 8, byReason: { required: 8 } },
      };
      const replaced = await quality.reportSyncRun(code, again);
      expectEqual(replaced.status, 200, 'the same run reported again: status');
      const after = await qualityOf(context, code);
      expectEqual(
        sorted([after.rowsRead, after.refusedLocally]),
        sorted([12, again.refusedLocally]),
        'rows read and refused after the replacement (replaced, not added)',
      );
      expectRate(after.rowRejectRate, 9 / 12, 'rowRejectRate after the replacement');
    },
  },
  {
    id: 'quality/sync-run-inconsistent',
    title: {
      zh: '不可能属于同一运行的报告返回 422',
      en: 'a report whose figures cannot belong to one run is refused (422)',
    },
    spec: 'reportSyncRun',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const impossible = { ...report(`conformance-bad-${code.replace('/', '-')}`), accepted: 11 };
      const call = context.client('providerA').quality.reportSyncRun(code, impossible);
      const problem = await expectRefused(call, 422, 'more rows accepted than read');
      expectEqual(problem, 'sync_run.inconsistent', 'problem code');
      expectEqual((await qualityOf(context, code)).rowsRead, 0, 'rowsRead after a refused report');
    },
  },
  {
    id: 'quality/readers',
    title: {
      zh: '管理方可读任一资源的质量；不共享资源的质量对其他部门 403',
      en: "the authority reads any resource's quality; another department is refused a 'none' one (403)",
    },
    spec: 'getQuality',
    async run(context) {
      const { code } = await context.fixtures.published('none');
      const read = await context.client('authority').quality.get(code);
      expectEqual(read.data.resource, code, 'the authority reads the quality of a none-shared entry');
      const call = context.client('providerB').quality.get(code);
      expectEqual(await expectRefused(call, 403, 'providerB'), 'access.not_shared', 'problem code');
    },
  },
  {
    id: 'quality/conflicts-access',
    title: {
      zh: '多元校核：管理方与提供方可查询（提供方只见涉及本部门资源的资源对），软件厂商 403',
      en: 'conflicts: the authority and providers may ask (a provider sees only pairs of its own), a vendor 403',
    },
    spec: 'getQualityConflicts',
    async run(context) {
      // The content is the exchange's data: only the shape (validated by the client) and the access rules.
      await context.client('authority').quality.conflicts({ examples: 0 });
      const own = (await context.fixtures.department('providerA')).code;
      const pairs = (await context.client('providerA').quality.conflicts({ examples: 0 })).data.pairs;
      const foreign = pairs.filter((p) => p.left.provider.code !== own && p.right.provider.code !== own);
      expectEqual(foreign.length, 0, "providerA's pairs without a resource of its own");
      // A conformance entry has no subject item (no person.id-number, org.uscc, idcard or uscc): no pair.
      const { code } = await context.fixtures.published('unconditional');
      const ofEntry = await context.client('providerA').quality.conflicts({ resource: code });
      expectEqual(ofEntry.data.pairs, [], 'pairs of an entry without a subject item');
      const call = context.client('vendor').quality.conflicts();
      expectEqual(await expectRefused(call, 403, 'vendor'), 'access.role_required', 'problem code');
    },
  },
];
