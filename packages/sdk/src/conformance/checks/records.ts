import { canonicalJson } from '../../client/receipts';
import type { BatchRequest as BatchBody, DataRecord } from '../../generated';
import { expectEqual, expectProblemResponse } from '../assert';
import { type ConformanceRecord, conformanceRecords } from '../fixtures/entry';
import type { CheckContext, ConformanceCheck, ConformanceRole } from '../types';

/**
 * What the checks of records, idempotency and limits share: raw requests as a role (for what the client never
 * sends: no Idempotency-Key, a body that is not JSON) and the records of an entry as its provider reads them.
 */

const tokensOfRun = new WeakMap<CheckContext['fixtures'], Map<ConformanceRole, Promise<string>>>();

/** A bearer token of a role, asked once per run with the raw token endpoint. */
export function bearerToken(context: CheckContext, role: ConformanceRole): Promise<string> {
  let tokens = tokensOfRun.get(context.fixtures);
  if (!tokens) {
    tokens = new Map();
    tokensOfRun.set(context.fixtures, tokens);
  }
  let token = tokens.get(role);
  if (!token) {
    const { clientId, clientSecret } = context.credentials(role);
    token = context
      .raw('issueToken', '/v1/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }),
      })
      .then(async (response) => {
        expectEqual(response.status, 200, `token grant of ${role}`);
        return ((await response.json()) as { access_token: string }).access_token;
      });
    token.catch(() => tokens.delete(role));
    tokens.set(role, token);
  }
  return token;
}

/** A raw batchRecords as providerA: `body` is sent as it is, with the headers given (no Idempotency-Key unless). */
export async function rawBatch(
  context: CheckContext,
  code: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const token = await bearerToken(context, 'providerA');
  return context.raw('batchRecords', `/v1/catalog/resources/${encodeURIComponent(code)}/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

/** A fresh Idempotency-Key (1..255 characters). */
export function freshKey(what: string): string {
  return `conformance-${what}-${globalThis.crypto.randomUUID()}`;
}

/** Records as the checks compare them: canonical JSON (an exchange may order members otherwise), by key. */
export function recordLines(records: readonly DataRecord[] | readonly ConformanceRecord[]): string[] {
  return records.map((record) => canonicalJson(record)).sort();
}

/** Fails unless the entry holds exactly `expected`, as its provider queries them. */
export async function expectRecords(
  context: CheckContext,
  code: string,
  expected: readonly ConformanceRecord[],
  what: string,
): Promise<void> {
  const held = await context.client('providerA').records.query(code).toArray();
  expectEqual(recordLines(held), recordLines(expected), what);
}

/** Pushes a batch as providerA and fails unless every operation is accepted. */
export async function pushAccepted(context: CheckContext, code: string, body: BatchBody): Promise<void> {
  const { data } = await context.client('providerA').records.batch(code, body);
  const count = (body.upsert?.length ?? 0) + (body.delete?.length ?? 0);
  expectEqual([data.accepted, data.rejected], [count, 0], `accepted and rejected of a batch of ${count}`);
}

const keysOf = (records: readonly DataRecord[]) => records.map((record) => String(record.bh));

export const recordsChecks: ConformanceCheck[] = [
  {
    id: 'records/per-record-results',
    title: {
      zh: '逐条结果：不符合目录的记录附原因拒收，其余提交',
      en: 'per-record results: records that break the entry are rejected with reasons, the others commit',
    },
    spec: 'batchRecords, queryRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const [first, second] = conformanceRecords(2, 'PR') as [ConformanceRecord, ConformanceRecord];
      // xm is declared C 50, nl N 3.
      const tooLong = { bh: 'PR90000000', xm: '检'.repeat(51), nl: 30 };
      const notNumeric = { bh: 'PR90000001', xm: '检验', nl: '三十' };
      const { data } = await context
        .client('providerA')
        .records.batch(code, { upsert: [first, tooLong, notNumeric, second] });
      expectEqual([data.accepted, data.rejected], [2, 2], 'accepted and rejected');
      expectEqual(
        data.results.map((r) => `${r.op} ${r.index} ${r.status}`),
        ['upsert 0 accepted', 'upsert 1 rejected', 'upsert 2 rejected', 'upsert 3 accepted'],
        'the results, one per operation in order',
      );
      const fields = (i: number) => (data.results[i]?.errors ?? []).map((e) => e.field);
      if (!fields(1).includes('xm')) throw new Error(`the too-long xm is rejected naming ${fields(1)}`);
      if (!fields(2).includes('nl')) throw new Error(`the non-numeric nl is rejected naming ${fields(2)}`);
      await expectRecords(context, code, [first, second], 'the records after the batch');
    },
  },
  {
    id: 'records/malformed-batch',
    title: {
      zh: '格式错误的批次（非 JSON、不符合 BatchRequest）返回 400 且不改变任何数据',
      en: 'a malformed batch (not JSON, not a BatchRequest) is a 400 and changes nothing',
    },
    spec: 'batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const record = JSON.stringify(conformanceRecords(1, 'MB')[0]);
      const bodies = {
        'bad JSON': `{"upsert": [${record}`,
        'an unknown member': `{"records": [${record}]}`,
        'upsert not an array': `{"upsert": ${record}}`,
        'an empty object (BatchRequest has minProperties 1)': '{}',
      };
      for (const [what, body] of Object.entries(bodies)) {
        const response = await rawBatch(context, code, body, { 'idempotency-key': freshKey('malformed') });
        const problem = await expectProblemResponse(response, 400, `a batch with ${what}`);
        expectEqual(problem, 'request.invalid', `a batch with ${what}: problem code`);
      }
      await expectRecords(context, code, [], 'the records after the malformed batches');
    },
  },
  {
    id: 'records/update-and-delete',
    title: {
      zh: '按主键更新与删除记录，查询反映最新状态',
      en: 'records are updated and deleted by key, and queries show the result',
    },
    spec: 'batchRecords, queryRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const [a, b, c] = conformanceRecords(3, 'UD') as [
        ConformanceRecord,
        ConformanceRecord,
        ConformanceRecord,
      ];
      await pushAccepted(context, code, { upsert: [a, b, c] });
      const changed = { ...b, xm: '检验更新', nl: 88 };
      const { data } = await context
        .client('providerA')
        .records.batch(code, { upsert: [changed], delete: [{ bh: a.bh }] });
      expectEqual(
        data.results.map((r) => `${r.op} ${r.index} ${r.status}`),
        ['upsert 0 accepted', 'delete 0 accepted'],
        'the results of the update and the delete',
      );
      await expectRecords(context, code, [changed, c], 'the records after the update and the delete');
    },
  },
  {
    id: 'records/query-filter',
    title: {
      zh: '按信息项等值过滤（filter[xm]），多个条件同时满足',
      en: 'equality filters (filter[xm]) select records, several combine with AND',
    },
    spec: 'queryRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const records = [
        { bh: 'QF00000000', xm: '甲', nl: 30 },
        { bh: 'QF00000001', xm: '乙', nl: 31 },
        { bh: 'QF00000002', xm: '甲', nl: 31 },
      ];
      await pushAccepted(context, code, { upsert: records });
      const query = (filter: Record<string, string>) =>
        context.client('providerA').records.query(code, { filter }).toArray();
      expectEqual(keysOf(await query({ xm: '甲' })), ['QF00000000', 'QF00000002'], 'filter[xm]=甲');
      expectEqual(keysOf(await query({ xm: '甲', nl: '31' })), ['QF00000002'], 'filter[xm]=甲&filter[nl]=31');
      expectEqual(keysOf(await query({ xm: '丙' })), [], 'filter[xm]=丙');
    },
  },
  {
    id: 'records/paging-under-writes',
    title: {
      zh: '分页读取期间有新写入时，读取前已有的记录不重不漏',
      en: 'paging while other batches write: no record present before the read is missed or repeated',
    },
    spec: 'queryRecords, batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      // Even sequence numbers before the read; odd ones (sorting between them, before and after the cursor) during.
      const record = (n: number) => ({
        bh: `PW${String(n).padStart(8, '0')}`,
        xm: `检验${n}`,
        nl: 20 + (n % 60),
      });
      const before = Array.from({ length: 24 }, (_, i) => record(2 * i));
      await pushAccepted(context, code, { upsert: before });
      const seen: string[] = [];
      let writes = 0;
      const pages = context.client('providerA').records.query(code, { limit: 5 }).pages();
      for await (const page of pages) {
        if (page.items.length > 5) throw new Error(`a page of limit 5 has ${page.items.length} records`);
        seen.push(...keysOf(page.items));
        if (writes < 4) {
          // New keys on both sides of the position reached, and a change to a record already read.
          const odd = [1 + 12 * writes, 7 + 12 * writes, 47 - 2 * writes].map(record);
          await pushAccepted(context, code, { upsert: [...odd, { ...before[writes]!, xm: '检验改' }] });
          writes += 1;
        }
      }
      const repeated = seen.filter((key, i) => seen.indexOf(key) !== i);
      expectEqual(repeated, [], 'records returned twice');
      const missed = keysOf(before).filter((key) => !seen.includes(key));
      expectEqual(missed, [], 'records present before the read and not returned');
      expectEqual(seen, [...seen].sort(), 'the records in key order');
    },
  },
];
