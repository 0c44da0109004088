import type { ExchangeClient } from '@unsilo/sdk';
import { type OperationId, operationIds, operationMap } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import {
  type DemoDepartment,
  demoSeed,
  entryFor,
  publishEntry,
  recordsFor,
  type ShareType,
  startDemo,
  tokenFor,
} from './support/demo';

/**
 * The access matrix: every department of the demo seed × every situation of a resource (its share type, the
 * requests granted on it, its life cycle) × every authenticated operation of the spec, each cell asserted over
 * real HTTP with its exact status and problem code, or the values it answers.
 *
 * Whether a department's roles may call an operation at all comes from the spec: the `roles` (and
 * `selfApproveRoles`, the sandbox runs with selfApprove) of the generated `operationMap`; a department without one
 * of them gets 403 `access.role_required`. What the others get is the table below, by the department's relation to
 * the resource (all of them are 公安局's): its provider, the authority, another department, a vendor.
 */
type Demo = Awaited<ReturnType<typeof startDemo>>;

const situations = {
  unconditional: 'unconditional',
  /** A vendor holds an approved request (a department needs none). */
  'unconditional-granted': 'unconditional',
  /** Every reader but the provider holds an approved request. */
  'conditional-approved': 'conditional',
  /** A refused and a pending request by 民政局 and by the vendor. */
  'conditional-not-approved': 'conditional',
  none: 'none',
  /** Created, never published. */
  draft: 'unconditional',
  /** Published conditional, then changed to unconditional: the change waits for review. */
  'pending-change': 'conditional',
  /** Published with records, then withdrawn. */
  withdrawn: 'unconditional',
} as const satisfies Record<string, ShareType>;
type Situation = keyof typeof situations;
type Relation = 'provider' | 'authority' | 'department' | 'vendor';

const provider: DemoDepartment = 'gongan';
const departments = demoSeed.departments.map((department) => department.id as DemoDepartment);
const rolesOf = (department: DemoDepartment) => demoSeed.departments.find((d) => d.id === department)!.roles;

function relationOf(department: DemoDepartment): Relation {
  const roles = rolesOf(department) as string[];
  if (department === provider) return 'provider';
  if (roles.includes('authority')) return 'authority';
  if (roles.includes('vendor')) return 'vendor';
  return 'department';
}

/** The spec's answer to "may these roles call this operation at all?" (selfApprove on). */
function rolesAllow(department: DemoDepartment, op: OperationId): boolean {
  const route = operationMap[op] as { roles?: readonly string[]; selfApproveRoles?: readonly string[] };
  const allowed = [...(route.roles ?? []), ...(route.selfApproveRoles ?? [])];
  return (rolesOf(department) as string[]).some((role) => allowed.includes(role));
}

const keys = 'R00000000,R00000001,R00000002';
const byRelation = (
  outcomes: Partial<Record<Relation, Record<Situation, string>>>,
): Partial<Record<Relation, Record<Situation, string>>> => outcomes;
const every = (outcome: string, except: Partial<Record<Situation, string>> = {}): Record<Situation, string> =>
  Object.fromEntries(
    (Object.keys(situations) as Situation[]).map((s) => [s, except[s] ?? outcome]),
  ) as Record<Situation, string>;

const shareRequired = '403 access.share_request_required';
const notShared = '403 access.not_shared';
const notFound = '404 resource.not_found';
const forbidden = '403 access.forbidden';

/** What a department reads of records (and changes) by its relation; quality differs for the authority. */
const reads = {
  provider: every(`200 ${keys}`, { draft: '200 no records' }),
  authority: every(`200 ${keys}`, {
    'conditional-not-approved': shareRequired,
    none: notShared,
    draft: '200 no records',
    'pending-change': shareRequired,
  }),
  department: every(`200 ${keys}`, {
    'conditional-not-approved': shareRequired,
    none: notShared,
    draft: notFound,
    'pending-change': shareRequired,
  }),
  vendor: every(`200 ${keys}`, {
    unconditional: shareRequired,
    'conditional-not-approved': shareRequired,
    none: notShared,
    draft: notFound,
    'pending-change': shareRequired,
    withdrawn: shareRequired,
  }),
};
const quality = (outcomes: Record<Situation, string>) =>
  Object.fromEntries(
    Object.entries(outcomes).map(([s, o]) => [
      s,
      o.startsWith('200') ? `200 records=${s === 'draft' ? 0 : 3}` : o,
    ]),
  ) as Record<Situation, string>;

/** How the resource looks to each relation: working version for its provider and the authority. */
const working = {
  unconditional: 'published unconditional',
  'unconditional-granted': 'published unconditional',
  'conditional-approved': 'published conditional',
  'conditional-not-approved': 'published conditional',
  none: 'published none',
  draft: 'draft unconditional',
  'pending-change': 'submitted unconditional',
  withdrawn: 'withdrawn unconditional',
} satisfies Record<Situation, string>;
const inForce = { ...working, draft: undefined, 'pending-change': 'published conditional' };
const looks = (prefix: string, view: Record<Situation, string | undefined>, hidden: string) =>
  Object.fromEntries(
    Object.entries(view).map(([s, v]) => [s, v === undefined ? hidden : `${prefix}${v}`]),
  ) as Record<Situation, string>;

/** Per operation on a resource, what each relation gets (relations the spec refuses need no entry). */
const resourceTable: Partial<Record<OperationId, Partial<Record<Relation, Record<Situation, string>>>>> = {
  getResource: byRelation({
    provider: looks('200 ', working, notFound),
    authority: looks('200 ', working, notFound),
    department: looks('200 ', inForce, notFound),
    vendor: looks('200 ', inForce, notFound),
  }),
  listResources: byRelation({
    provider: looks('200 listed ', working, '200 hidden'),
    authority: looks('200 listed ', working, '200 hidden'),
    department: looks('200 listed ', inForce, '200 hidden'),
    vendor: looks('200 listed ', inForce, '200 hidden'),
  }),
  queryRecords: reads,
  listChanges: reads,
  getQuality: {
    provider: quality(reads.provider),
    authority: quality(every('200')),
    department: quality(reads.department),
    vendor: quality(reads.vendor),
  },
  batchRecords: byRelation({
    provider: every('200 accepted=3', {
      draft: '409 catalog.invalid_transition',
      withdrawn: '409 catalog.invalid_transition',
    }),
    authority: every(forbidden),
    department: every(forbidden, { draft: notFound }),
  }),
  reportSyncRun: byRelation({
    provider: every('201 rowsRead=3', {
      draft: '409 catalog.invalid_transition',
      withdrawn: '409 catalog.invalid_transition',
    }),
    authority: every(forbidden),
    department: every(forbidden, { draft: notFound }),
  }),
  updateResource: byRelation({
    provider: every('428 precondition.required'),
    authority: every(forbidden),
    department: every(forbidden, { draft: notFound }),
  }),
  submitResource: byRelation({
    provider: every('428 precondition.required'),
    authority: every(forbidden),
    department: every(forbidden, { draft: notFound }),
  }),
  registerResource: byRelation({
    provider: every('428 precondition.required'),
    authority: every('428 precondition.required'),
    department: every(forbidden, { draft: notFound }),
  }),
  publishResource: byRelation({
    provider: every('428 precondition.required'),
    authority: every('428 precondition.required'),
    department: every(forbidden, { draft: notFound }),
  }),
  withdrawResource: byRelation({
    provider: every('428 precondition.required'),
    authority: every('428 precondition.required'),
    department: every(forbidden, { draft: notFound }),
  }),
  createShareRequest: byRelation({
    provider: every('400 request.invalid'),
    authority: every('400 request.invalid', {
      'conditional-approved': '201 pending',
      'conditional-not-approved': '201 pending',
      none: notShared,
      'pending-change': '201 pending',
    }),
    department: every('400 request.invalid', {
      'conditional-approved': '201 pending',
      'conditional-not-approved': '201 pending',
      none: notShared,
      draft: notFound,
      'pending-change': '201 pending',
    }),
    vendor: every('201 pending', { none: notShared, draft: notFound }),
  }),
};

/** Operations on no resource of the matrix; the share request ones act on the vendor's refused request. */
const globalTable: Partial<Record<OperationId, Partial<Record<Relation, string>>>> = {
  getMe: { provider: '200 self', authority: '200 self', department: '200 self', vendor: '200 self' },
  listDepartments: Object.fromEntries(
    (['provider', 'authority', 'department', 'vendor'] as const).map((r) => [r, `200 ${departments.length}`]),
  ),
  getDepartment: {
    provider: '200 gongan',
    authority: '200 gongan',
    department: '200 gongan',
    vendor: '200 gongan',
  },
  listCodeSets: {
    provider: '200 listed',
    authority: '200 listed',
    department: '200 listed',
    vendor: '200 listed',
  },
  getCodeSet: {
    provider: '200 gbt-2261-1',
    authority: '200 gbt-2261-1',
    department: '200 gbt-2261-1',
    vendor: '200 gbt-2261-1',
  },
  listAuditEvents: { provider: '200 own', authority: '200 own', department: '200 own', vendor: '200 own' },
  // The matrix's entries name no subject (no ID number, no credit code): nothing to compare.
  getQualityConflicts: { provider: '200 pairs=0', authority: '200 pairs=0', department: '200 pairs=0' },
  listShareRequests: {
    provider: '200 involved',
    authority: '200 involved',
    department: '200 involved',
    vendor: '200 involved',
  },
  createResource: {
    provider: '409 catalog.duplicate_code',
    authority: '409 catalog.duplicate_code',
    department: '409 catalog.duplicate_code',
  },
  getShareRequest: {
    provider: '200 refused',
    authority: '404 share_request.not_found',
    department: '404 share_request.not_found',
    vendor: '200 refused',
  },
  approveShareRequest: {
    provider: '409 share_request.already_decided',
    authority: '404 share_request.not_found',
    department: '404 share_request.not_found',
  },
  refuseShareRequest: {
    provider: '409 share_request.already_decided',
    authority: '404 share_request.not_found',
    department: '404 share_request.not_found',
  },
  // The authority's only; it adds a client to 公安局, and rotates and revokes one that does not exist.
  createClient: { authority: '201 gongan' },
  listClients: { authority: '200 gongan' },
  rotateClientSecret: { authority: '404 client.not_found' },
  revokeClient: { authority: '404 client.not_found' },
  // The authority's only: a dry run finds nothing of a subject no record names; this exchange keeps every version.
  eraseSubject: { authority: '200 dryRun records=0' },
  compactChanges: { authority: '409 retention.not_configured' },
};

const authenticated = operationIds.filter((op) => operationMap[op].auth);

function expected(department: DemoDepartment, op: OperationId, situation?: Situation): string {
  if (!rolesAllow(department, op)) return '403 access.role_required';
  const relation = relationOf(department);
  const outcome = situation ? resourceTable[op]?.[relation]?.[situation] : globalTable[op]?.[relation];
  if (outcome === undefined)
    throw new Error(`the matrix has no cell for ${department} ${op} ${situation ?? ''}`);
  return outcome;
}

describe('access matrix: department × role × situation × operation (raw HTTP, demo seed, selfApprove)', () => {
  let sandbox: Demo;
  let gongan: ExchangeClient;
  const codes = {} as Record<Situation, string>;
  let vendorRefused = '';
  const tokens = new Map<DemoDepartment, string>();

  /** One call as `department`, described as `status code` or `status` plus what the answer says. */
  async function call(department: DemoDepartment, op: OperationId, situation?: Situation): Promise<string> {
    const code = situation ? codes[situation] : codes.unconditional;
    const path = operationMap[op].path
      .replace('{code}', encodeURIComponent(code))
      .replace('{departmentId}', 'gongan')
      .replace('{clientId}', 'no-such-client')
      .replace('{id}', op === 'getCodeSet' ? 'gbt-2261-1' : vendorRefused);
    const query = op === 'listResources' ? `?q=${encodeURIComponent(code)}` : '';
    const body = bodies[op]?.(department, code);
    const token = tokens.get(department) ?? (await tokenFor(sandbox.url, department));
    tokens.set(department, token);
    const response = await fetch(`${sandbox.url}${path}${query}`, {
      method: operationMap[op].method.toUpperCase(),
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(op === 'batchRecords' ? { 'idempotency-key': `matrix-${department}-${situation}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await response.json()) as { code?: string };
    if (response.status >= 400) return `${response.status} ${answer.code}`;
    return `${response.status} ${describeAnswer[op]?.(answer as Answer, department) ?? ''}`.trimEnd();
  }

  const bodies: Partial<Record<OperationId, (department: DemoDepartment, code: string) => unknown>> = {
    createResource: (department, code) => ({ ...entryFor(department, 990), code }),
    updateResource: (_, code) => ({ ...entryFor(provider, 0), code }),
    withdrawResource: () => ({ reason: '矩阵测试' }),
    refuseShareRequest: () => ({ reason: '矩阵测试' }),
    createShareRequest: (_, code) => ({ resource: code, purpose: '矩阵测试' }),
    batchRecords: () => ({ upsert: recordsFor(3) }),
    reportSyncRun: () => ({ rowsRead: 3, accepted: 3, refusedLocally: { total: 0, byReason: {} } }),
    rotateClientSecret: () => ({ graceSeconds: 60 }),
    eraseSubject: () => ({ subject: 'matrix-nobody', reason: '矩阵测试', dryRun: true }),
  };

  /** Each describer reads the answer in the shape of its operation's documented response. */
  type Answer = never;
  const describeAnswer: Partial<Record<OperationId, (answer: Answer, department: DemoDepartment) => string>> =
    {
      getResource: (a: { status: string; entry: { share: { type: string } } }) =>
        `${a.status} ${a.entry.share.type}`,
      listResources: (a: { items: Array<{ status: string; shareType: string }> }) =>
        a.items.length === 0 ? 'hidden' : `listed ${a.items[0]!.status} ${a.items[0]!.shareType}`,
      queryRecords: (a: { items: Array<{ bh: string }> }) =>
        a.items.map((r) => r.bh).join(',') || 'no records',
      listChanges: (a: { items: Array<{ key: { bh: string } }> }) =>
        [...new Set(a.items.map((c) => c.key.bh))].sort().join(',') || 'no records',
      getQuality: (a: { records: number }) => `records=${a.records}`,
      eraseSubject: (a: { dryRun: boolean; records: number }) =>
        `${a.dryRun ? 'dryRun' : 'erased'} records=${a.records}`,
      getQualityConflicts: (a: { pairs: unknown[] }) => `pairs=${a.pairs.length}`,
      batchRecords: (a: { accepted: number }) => `accepted=${a.accepted}`,
      reportSyncRun: (a: { report: { rowsRead: number } }) => `rowsRead=${a.report.rowsRead}`,
      createShareRequest: (a: { status: string }) => a.status,
      getMe: (a: { id: string }, department) => (a.id === department ? 'self' : a.id),
      listDepartments: (a: { items: unknown[] }) => String(a.items.length),
      getDepartment: (a: { id: string }) => a.id,
      listCodeSets: (a: { items: unknown[] }) => (a.items.length > 0 ? 'listed' : 'empty'),
      getCodeSet: (a: { id: string }) => a.id,
      listAuditEvents: (a: { items: Array<{ department?: string; resource?: string }> }, department) =>
        a.items.every(
          (e) => relationOf(department) === 'authority' || e.department === department || e.resource,
        )
          ? 'own'
          : 'others',
      listShareRequests: (a: { items: Array<{ consumer: string; provider: string }> }, department) =>
        a.items.every((s) => s.consumer === department || s.provider === department) ? 'involved' : 'others',
      getShareRequest: (a: { status: string }) => a.status,
      createClient: (a: { client: { departmentId: string } }) => a.client.departmentId,
      listClients: (a: { items: Array<{ departmentId: string }> }) =>
        [...new Set(a.items.map((c) => c.departmentId))].join(','),
    };

  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
    gongan = clientFor(sandbox.url, provider);
    let sequence = 100;
    for (const [situation, shareType] of Object.entries(situations) as Array<[Situation, ShareType]>) {
      const entry = entryFor(provider, sequence++, shareType);
      codes[situation] = entry.code;
      if (situation === 'draft') {
        await gongan.catalog.create(entry);
        continue;
      }
      const { etag } = await publishEntry(gongan, entry);
      await gongan.records.batch(entry.code, { upsert: recordsFor(3) });
      if (situation === 'pending-change')
        await gongan.catalog.update(entry.code, entryFor(provider, sequence - 1, 'unconditional'), {
          ifMatch: etag,
        });
      if (situation === 'withdrawn')
        await gongan.catalog.withdraw(entry.code, { reason: '停用' }, { ifMatch: etag });
    }
    const ask = (department: DemoDepartment, situation: Situation, purpose: string) =>
      clientFor(sandbox.url, department).shareRequests.create({ resource: codes[situation], purpose });
    const readers = departments.filter((d) => d !== provider);
    for (const reader of readers) {
      const request = await ask(reader, 'conditional-approved', `${reader} 核验业务`);
      await gongan.shareRequests.approve(request.data.id);
    }
    await gongan.shareRequests.approve(
      (await ask('vendor-demo', 'unconditional-granted', '系统对接')).data.id,
    );
    for (const reader of ['minzheng', 'vendor-demo'] as const) {
      const refused = await ask(reader, 'conditional-not-approved', `${reader} 统计分析`);
      await gongan.shareRequests.refuse(refused.data.id, { reason: '用途不在共享条件范围内' });
      if (reader === 'vendor-demo') vendorRefused = refused.data.id;
      await ask(reader, 'conditional-not-approved', `${reader} 再次申请，尚未审批`);
    }
  });
  afterAll(() => sandbox.close());

  it('share requests: only the provider decides, once, a refusal carries its reason, strangers see nothing', async () => {
    const renshe = clientFor(sandbox.url, 'renshe');
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const request = await renshe.shareRequests.create({
      resource: codes['conditional-not-approved'],
      purpose: '社保待遇资格认证',
    });
    expect(request.data).toMatchObject({ status: 'pending', consumer: 'renshe', provider: 'gongan' });
    await expectProblem(renshe.shareRequests.approve(request.data.id), 403, 'access.forbidden');
    await expectProblem(minzheng.shareRequests.get(request.data.id), 404, 'share_request.not_found');
    const refused = await gongan.shareRequests.refuse(request.data.id, { reason: '请补充业务依据' });
    expect(refused.data).toMatchObject({ status: 'refused', reason: '请补充业务依据' });
    expect(refused.data.decidedAt).toBe(new Date(sandbox.clock.ms).toISOString());
    await expectProblem(gongan.shareRequests.approve(request.data.id), 409, 'share_request.already_decided');
    expect((await renshe.shareRequests.get(request.data.id)).data.reason).toBe('请补充业务依据');
    await expectProblem(
      renshe.records.query(codes['conditional-not-approved']).pages().next(),
      403,
      'access.share_request_required',
    );
    const error = await expectProblem(
      renshe.shareRequests.create({ resource: codes.none, purpose: '任何用途' }),
      403,
      'access.not_shared',
    );
    expect(error.problem.basis).toBe('《中华人民共和国个人信息保护法》第二十八条');

    const pending = [];
    for await (const item of gongan.shareRequests.list({ role: 'provider', status: 'pending' }))
      pending.push(item.purpose);
    expect(pending.sort()).toEqual(['minzheng 再次申请，尚未审批', 'vendor-demo 再次申请，尚未审批']);
  });

  const cells = departments.flatMap((department) =>
    (Object.keys(situations) as Situation[]).map((situation) => ({ department, situation })),
  );
  const resourceOps = authenticated.filter((op) => op in resourceTable);
  const globalOps = authenticated.filter((op) => !(op in resourceTable));

  it('covers every authenticated operation of the spec', () => {
    expect([...resourceOps, ...globalOps].sort()).toEqual([...authenticated].sort());
    expect(globalOps.filter((op) => !(op in globalTable))).toEqual([]);
  });

  it.each(cells)(
    '$department × $situation: every operation on the resource',
    async ({ department, situation }) => {
      const actual: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const op of resourceOps) {
        actual[op] = await call(department, op, situation);
        wanted[op] = expected(department, op, situation);
      }
      expect(actual).toEqual(wanted);
    },
  );

  it.each(departments)('%s: every operation on no resource of the matrix', async (department) => {
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const op of globalOps) {
      actual[op] = await call(department, op);
      wanted[op] = expected(department, op);
    }
    expect(actual).toEqual(wanted);
  });

  it('audits every read and write: the provider sees what was done to its resources, the authority sees all', async () => {
    const recordOps = ['records.query', 'changes.list', 'records.batch'];
    const events = [];
    for await (const event of gongan.audit.list({ resource: codes.none })) events.push(event);
    const byMinzheng = events.filter((e) => e.department === 'minzheng' && recordOps.includes(e.action));
    expect(byMinzheng.map((e) => `${e.action} ${e.status}`).sort()).toEqual([
      'changes.list 403',
      'records.batch 403',
      'records.query 403',
    ]);
    expect(events.every((event) => event.requestId)).toBe(true);

    const minzhengSees = [];
    for await (const event of clientFor(sandbox.url, 'minzheng').audit.list({ department: 'renshe' }))
      minzhengSees.push(event);
    expect(minzhengSees).toEqual([]);

    const authoritySees = new Set<string>();
    for await (const event of clientFor(sandbox.url, 'dashuju').audit.list({ department: 'renshe' }))
      authoritySees.add(event.action);
    expect(authoritySees).toContain('share_request.create');
    expect(authoritySees).toContain('records.query');
  });
});
