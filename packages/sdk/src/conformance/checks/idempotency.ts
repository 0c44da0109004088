import { expectEqual, expectProblemResponse, expectRefused } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { ConformanceCheck } from '../types';
import { expectRecords, freshKey, rawBatch } from './records';

export const idempotencyChecks: ConformanceCheck[] = [
  {
    id: 'idempotency/replay',
    title: {
      zh: '相同幂等键与相同内容重放首次应答（Idempotent-Replayed: true），不重复写入',
      en: 'the same Idempotency-Key and body replay the first answer (Idempotent-Replayed: true), applied once',
    },
    spec: 'batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const records = conformanceRecords(3, 'IR');
      const body = { upsert: records, delete: [{ bh: records[0]!.bh }] };
      const idempotencyKey = freshKey('replay');
      const client = context.client('providerA').records;
      const first = await client.batch(code, body, { idempotencyKey });
      expectEqual(first.replayed, false, 'Idempotent-Replayed on the first answer');
      const again = await client.batch(code, body, { idempotencyKey });
      expectEqual(again.headers.get('idempotent-replayed'), 'true', 'Idempotent-Replayed on the repeat');
      // The same answer: the same batch id and the same receipt, member for member.
      expectEqual(again.data, first.data, 'the replayed answer');
      await expectRecords(context, code, records.slice(1), 'the records after the repeat');
      // Applied twice, the feed would hold the upserts and the delete twice.
      const feed = await client.changes(code).toArray();
      expectEqual(
        feed.map((change) => `${change.op} ${String(change.key.bh)}`),
        [...records.map((r) => `upsert ${r.bh}`), `delete ${records[0]!.bh}`],
        'the change feed after the repeat',
      );
    },
  },
  {
    id: 'idempotency/conflict',
    title: {
      zh: '相同幂等键配不同内容返回 409 idempotency.conflict，且不写入',
      en: 'the same Idempotency-Key with another body is a 409 idempotency.conflict and writes nothing',
    },
    spec: 'batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const [kept, other] = [conformanceRecords(2, 'IC'), conformanceRecords(2, 'ID')];
      const idempotencyKey = freshKey('conflict');
      const client = context.client('providerA').records;
      await client.batch(code, { upsert: kept }, { idempotencyKey });
      const problem = await expectRefused(
        client.batch(code, { upsert: other }, { idempotencyKey }),
        409,
        'the same key with another body',
      );
      expectEqual(problem, 'idempotency.conflict', 'the same key with another body: problem code');
      await expectRecords(context, code, kept, 'the records after the conflicting batch');
    },
  },
  {
    id: 'idempotency/key-required',
    title: {
      zh: '缺少 Idempotency-Key 的批次返回 400 idempotency.key_required，且不写入',
      en: 'a batch without Idempotency-Key is a 400 idempotency.key_required and writes nothing',
    },
    spec: 'batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const body = JSON.stringify({ upsert: conformanceRecords(2, 'IK') });
      const problem = await expectProblemResponse(await rawBatch(context, code, body), 400, 'no key');
      expectEqual(problem, 'idempotency.key_required', 'a batch without Idempotency-Key: problem code');
      await expectRecords(context, code, [], 'the records after the batch without a key');
    },
  },
];
