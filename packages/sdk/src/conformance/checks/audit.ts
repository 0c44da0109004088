import type { QueryParams } from '../../client/operations';
import type { AuditEvent } from '../../generated';
import { expectEqual } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { CheckContext, ConformanceCheck, ConformanceRole } from '../types';
import { pushVerified } from './pushed-batches';

type AuditQuery = QueryParams<'listAuditEvents'>;

/** Pages read per audit query: the filters keep the lists short, this only bounds a misbehaving exchange. */
const MAX_PAGES = 20;
/** An exchange may write its log a moment after answering: a missing event is looked for again, this often. */
const ATTEMPTS = 5;

/** The events of `requestIds` that `role` sees with `query` (newest first, as the exchange lists them). */
async function eventsSeen(
  context: CheckContext,
  role: ConformanceRole,
  query: AuditQuery,
  requestIds: readonly string[],
): Promise<AuditEvent[]> {
  const found: AuditEvent[] = [];
  let pages = 0;
  for await (const page of context
    .client(role)
    .audit.list({ ...query, limit: 100 })
    .pages()) {
    found.push(...page.items.filter((event) => requestIds.includes(event.requestId)));
    if (found.length >= requestIds.length || ++pages >= MAX_PAGES) break;
  }
  return found;
}

/** Like eventsSeen, asked again a few times while some event is missing. */
async function eventsLogged(
  context: CheckContext,
  role: ConformanceRole,
  query: AuditQuery,
  requestIds: readonly string[],
): Promise<AuditEvent[]> {
  for (let attempt = 1; ; attempt++) {
    const found = await eventsSeen(context, role, query, requestIds);
    if (found.length >= requestIds.length || attempt >= ATTEMPTS) return found;
    await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
  }
}

/** The facts of an event the checks compare. */
const factsOf = (e: AuditEvent) => ({
  requestId: e.requestId,
  action: e.action,
  department: e.department,
  resource: e.resource,
  status: e.status,
});

/** A minute before the exchange's clock (its `Date` header), so that the query does not depend on ours. */
function sinceOf(response: Response): string | undefined {
  const date = Date.parse(response.headers.get('date') ?? '');
  return Number.isNaN(date) ? undefined : new Date(date - 60_000).toISOString();
}

/** The audit log: who touched what, each event seen only by those who may see it. */
export const auditChecks: ConformanceCheck[] = [
  {
    id: 'audit/batch-and-read',
    title: {
      zh: '推送与读取均留下审计事件（部门、动作、资源、状态），提供方与管理方可见',
      en: 'a batch and a read leave audit events (department, action, resource, status), seen by provider and authority',
    },
    spec: 'listAuditEvents, batchRecords, queryRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const department = (await context.fixtures.department('providerA')).id;
      const batch = await pushVerified(context, code, { upsert: conformanceRecords(2, 'AB') });
      const read = await context.client('providerA').records.query(code).firstPage();
      const ids = [batch.requestId, read.requestId ?? ''];
      const expected = [
        { requestId: ids[1], action: 'records.query', department, resource: code, status: 200 },
        { requestId: ids[0], action: 'records.batch', department, resource: code, status: 200 },
      ];
      for (const role of ['providerA', 'authority'] as const) {
        const events = await eventsLogged(context, role, { resource: code, department }, ids);
        // Newest first: the read, then the batch.
        expectEqual(events.map(factsOf), expected, `the events ${role} sees`);
      }
    },
  },
  {
    id: 'audit/failed-login',
    title: {
      zh: '失败的登录留下审计事件（客户端 ID、原因、来源地址），仅管理方可见',
      en: 'a failed login is audited (client id, reason, source address) and only the authority sees it',
    },
    spec: 'listAuditEvents, issueToken',
    async run(context) {
      const { clientId } = context.credentials('providerA');
      const response = await context.raw('issueToken', '/v1/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: 'conformance-wrong-secret-0000',
        }),
      });
      expectEqual(response.status, 401, 'token request with a wrong secret: status');
      const requestId = response.headers.get('x-request-id');
      if (!requestId) throw new Error('the token answer carries no X-Request-Id');
      const since = sinceOf(response);
      const query: AuditQuery = { action: 'auth.token', ...(since ? { since } : {}) };
      const [event] = await eventsLogged(context, 'authority', query, [requestId]);
      if (!event) throw new Error(`the authority finds no auth.token event with requestId ${requestId}`);
      const facts = {
        department: event.department,
        clientId: event.clientId,
        reason: event.reason,
        status: event.status,
        sourceAddress: typeof event.sourceAddress,
      };
      const wanted = { clientId, reason: 'wrong_secret', status: 401, sourceAddress: 'string' };
      expectEqual(facts, wanted, 'the failed login event');
      const seenByOwner = await eventsSeen(context, 'providerA', query, [requestId]);
      expectEqual(seenByOwner.length, 0, 'failed login events providerA sees');
    },
  },
  {
    id: 'audit/others-see-nothing',
    title: {
      zh: '其他部门与软件厂商看不到对本部门资源的操作',
      en: "another department and a vendor see none of the events on providerA's resource",
    },
    spec: 'listAuditEvents',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const batch = await pushVerified(context, code, { upsert: conformanceRecords(1, 'AO') });
      const logged = await eventsLogged(context, 'authority', { resource: code }, [batch.requestId]);
      expectEqual(logged.length, 1, 'the batch event the authority sees');
      for (const role of ['providerB', 'vendor'] as const) {
        const page = await context.client(role).audit.list({ resource: code }).firstPage();
        expectEqual(page.items.map(factsOf), [], `events on providerA's new entry that ${role} sees`);
      }
    },
  },
];
