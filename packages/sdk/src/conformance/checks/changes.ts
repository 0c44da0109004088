import type { Change } from '../../generated';
import { expectEqual, expectRefused } from '../assert';
import { type ConformanceRecord, conformanceRecords } from '../fixtures/entry';
import type { ConformanceCheck } from '../types';
import { changeLine, feedAfter, pushVerified, refusedRecord } from './pushed-batches';

const upserted = (record: ConformanceRecord) => changeLine({ op: 'upsert', key: { bh: record.bh }, record });
const deleted = (record: ConformanceRecord) => changeLine({ op: 'delete', key: { bh: record.bh } });

/** Fails unless every change has a greater `seq` than the one before (commit order). */
function expectIncreasing(changes: Change[], what: string): void {
  changes.forEach((change, i) => {
    const before = changes[i - 1];
    if (before && change.seq <= before.seq) {
      throw new Error(`${what}: seq ${change.seq} follows ${before.seq}; the feed is not in commit order`);
    }
  });
}

/** A value no exchange issues as a cursor (it is valid as the contract's `Cursor`: 1..2048 characters). */
const FOREIGN_CURSOR = 'unsilo-conformance-not-a-cursor-0000';

export const changesChecks: ConformanceCheck[] = [
  {
    id: 'changes/ordered-complete',
    title: {
      zh: '变更流按提交顺序完整列出接收的新增与删除，删除为无记录的墓碑',
      en: 'the feed lists every accepted upsert and delete in commit order, deletes as tombstones',
    },
    spec: 'listChanges, batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const [a, b, c] = conformanceRecords(3, 'CO') as [
        ConformanceRecord,
        ConformanceRecord,
        ConformanceRecord,
      ];
      const updated = { ...b, xm: '检验更新', nl: 77 };
      await pushVerified(context, code, { upsert: [a, refusedRecord('CO99999999'), b, c] });
      await pushVerified(context, code, { upsert: [updated], delete: [{ bh: a.bh }] });
      const feed = await feedAfter(context, code);
      expectIncreasing(feed, 'the change feed');
      const tombstones = feed.filter((change) => change.op === 'delete' && change.record !== undefined);
      expectEqual(tombstones.length, 0, 'deletes carrying a record');
      // Upserts before deletes within a batch, batches in the order they were committed; nothing rejected.
      expectEqual(
        feed.map(changeLine),
        [upserted(a), upserted(b), upserted(c), upserted(updated), deleted(a)],
        'the change feed',
      );
    },
  },
  {
    id: 'changes/resume-from-cursor',
    title: {
      zh: '从保存的游标续读，恰好得到其后的变更，不重不漏',
      en: 'resuming from a kept cursor gives exactly the later changes, none repeated or missed',
    },
    spec: 'listChanges',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const records = conformanceRecords(7, 'CR');
      const first = records.slice(0, 5);
      await pushVerified(context, code, { upsert: first });
      const page = await context.client('providerA').records.changes(code, { limit: 2 }).firstPage();
      expectEqual(page.items.map(changeLine), first.slice(0, 2).map(upserted), 'the first page of 2');
      if (page.nextCursor === null) throw new Error('a page of 2 out of 5 changes has no nextCursor');
      const later = records.slice(5);
      await pushVerified(context, code, { upsert: later, delete: [{ bh: first[4]!.bh }] });
      const resumed = await feedAfter(context, code, page.nextCursor, 2);
      expectIncreasing([...page.items, ...resumed], 'the first page and the resumed feed');
      expectEqual(
        resumed.map(changeLine),
        [...first.slice(2), ...later].map(upserted).concat(deleted(first[4]!)),
        'the changes after the kept cursor',
      );
    },
  },
  {
    id: 'changes/foreign-cursor',
    title: {
      zh: '非交换平台签发的游标返回 400',
      en: 'a cursor the exchange did not issue is refused (400)',
    },
    spec: 'listChanges',
    async run(context) {
      const { code } = await context.fixtures.published('unconditional');
      const feed = context.client('providerA').records.changes(code, { after: FOREIGN_CURSOR });
      await expectRefused(feed.firstPage(), 400, 'listChanges after a cursor it did not issue');
    },
  },
];
