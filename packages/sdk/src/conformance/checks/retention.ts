import { ExchangeHttpError } from '../../client/errors';
import { canonicalJson } from '../../client/receipts';
import { expectEqual, expectRefused } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { ConformanceCheck } from '../types';
import { changeLine, feedAfter, pushVerified } from './pushed-batches';

export const retentionChecks: ConformanceCheck[] = [
  {
    id: 'retention/erasure',
    title: {
      zh: '大数据局删除数据主体：先列出计划不改动，删除后记录与历史版本消失、变更流留下删除；他人无权删除',
      en: 'the authority erases a subject: a dry run changes nothing; then the record and its versions go and the feed keeps a delete; nobody else may erase',
    },
    spec: 'eraseSubject, listChanges, queryRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const [subject, other] = conformanceRecords(2, 'CE');
      const changed = { ...subject!, xm: '检验更名' };
      await pushVerified(context, code, { upsert: [subject!, other!] });
      await pushVerified(context, code, { upsert: [changed] });
      const order = { subject: subject!.bh, reason: 'conformance: erasure', resources: [code] };
      const provider = context.client('providerA');
      const authority = context.client('authority');
      await expectRefused(provider.retention.erase(order), 403, 'erasure by the provider');
      const plan = await authority.retention.erase({ ...order, dryRun: true });
      expectEqual(
        [plan.data.dryRun, plan.data.records, plan.data.versions],
        [true, 1, 2],
        'the dry run: current records and versions of the subject',
      );
      const before = (await feedAfter(context, code)).map(changeLine);
      expectEqual(before.length, 3, 'changes after the dry run');
      const erased = await authority.retention.erase(order);
      expectEqual(
        [erased.data.dryRun, erased.data.records, erased.data.versions],
        [false, 1, 2],
        'the erasure',
      );
      expectEqual(
        (await feedAfter(context, code)).map(changeLine),
        [
          changeLine({ op: 'upsert', key: { bh: other!.bh }, record: other! }),
          changeLine({ op: 'delete', key: { bh: subject!.bh } }),
        ],
        'the change feed after the erasure',
      );
      const left = [];
      for await (const record of provider.records.query(code)) left.push(record);
      // Canonical JSON: an exchange may store a record's members in another order.
      expectEqual(left.map(canonicalJson), [canonicalJson(other)], 'the records after the erasure');
    },
  },
  {
    id: 'retention/compaction',
    title: {
      zh: '压缩变更流：大数据局得到压缩结果，或在未设保留期时得到 409 retention.not_configured；他人无权压缩',
      en: 'compacting the feed answers the authority with its figures, or 409 retention.not_configured without a window; nobody else may',
    },
    spec: 'compactChanges',
    async run(context) {
      await expectRefused(context.client('providerA').retention.compact(), 403, 'compaction by a provider');
      try {
        const compaction = await context.client('authority').retention.compact();
        expectEqual(compaction.status, 200, 'compactChanges status');
      } catch (error) {
        if (!(error instanceof ExchangeHttpError)) throw error;
        expectEqual([error.status, error.code], [409, 'retention.not_configured'], 'compactChanges refusal');
      }
    },
  },
];
