import type { ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import { entryFor, recordsFor, startDemo } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;
type Sharing = 'unconditional' | 'conditional-approved' | 'conditional-not-approved' | 'none';
type Caller = 'own' | 'other';
type Operation = 'read' | 'write';

/** What each cell of the matrix must answer: 200, or the status and problem code of the refusal. */
const expected: Record<Caller, Record<Sharing, Record<Operation, 200 | [403, string]>>> = {
  own: {
    unconditional: { read: 200, write: 200 },
    'conditional-approved': { read: 200, write: 200 },
    'conditional-not-approved': { read: 200, write: 200 },
    none: { read: 200, write: 200 },
  },
  other: {
    unconditional: { read: 200, write: [403, 'access.forbidden'] },
    'conditional-approved': { read: 200, write: [403, 'access.forbidden'] },
    'conditional-not-approved': {
      read: [403, 'access.share_request_required'],
      write: [403, 'access.forbidden'],
    },
    none: { read: [403, 'access.not_shared'], write: [403, 'access.forbidden'] },
  },
};

const cells = (Object.keys(expected) as Caller[]).flatMap((caller) =>
  (Object.keys(expected[caller]) as Sharing[]).flatMap((sharing) =>
    (['read', 'write'] as Operation[]).map((operation) => ({
      caller,
      sharing,
      operation,
      outcome: expected[caller][sharing][operation],
    })),
  ),
);

describe('access by share type (every cell, SDK client over HTTP)', () => {
  let sandbox: Demo;
  let gongan: ExchangeClient;
  let minzheng: ExchangeClient;
  const codes = {} as Record<Sharing, string>;

  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
    gongan = clientFor(sandbox.url, 'gongan');
    minzheng = clientFor(sandbox.url, 'minzheng');
    const shareTypes: Record<Sharing, 'unconditional' | 'conditional' | 'none'> = {
      unconditional: 'unconditional',
      'conditional-approved': 'conditional',
      'conditional-not-approved': 'conditional',
      none: 'none',
    };
    let sequence = 100;
    for (const [sharing, shareType] of Object.entries(shareTypes) as Array<
      [Sharing, (typeof shareTypes)[Sharing]]
    >) {
      const created = await gongan.catalog.create(entryFor('gongan', sequence++, shareType));
      const code = created.data.code;
      codes[sharing] = code;
      const submitted = await gongan.catalog.submit(code, { ifMatch: created.etag! });
      const registered = await gongan.catalog.register(code, { ifMatch: submitted.etag! });
      await gongan.catalog.publish(code, { ifMatch: registered.etag! });
      await gongan.records.batch(code, { upsert: recordsFor(3) });
    }
    const approved = await minzheng.shareRequests.create({
      resource: codes['conditional-approved'],
      purpose: '低保资格核验',
    });
    await gongan.shareRequests.approve(approved.data.id);
    const refused = await minzheng.shareRequests.create({
      resource: codes['conditional-not-approved'],
      purpose: '统计分析',
    });
    await gongan.shareRequests.refuse(refused.data.id, { reason: '用途不在共享条件范围内' });
    await minzheng.shareRequests.create({
      resource: codes['conditional-not-approved'],
      purpose: '再次申请，尚未审批',
    });
  });
  afterAll(() => sandbox.close());

  it.each(cells)(
    '$caller department × $sharing × $operation → $outcome',
    async ({ caller, sharing, operation, outcome }) => {
      const client = caller === 'own' ? gongan : minzheng;
      const code = codes[sharing];
      const calls =
        operation === 'read'
          ? [client.records.query(code).pages().next(), client.records.changes(code).pages().next()]
          : [client.records.batch(code, { upsert: [{ bh: `W-${caller}`, xm: '写入', nl: 1 }] })];
      for (const call of calls) {
        if (outcome === 200) {
          await expect(call).resolves.toBeDefined();
        } else {
          const error = await expectProblem(call, outcome[0], outcome[1]);
          if (outcome[1] === 'access.not_shared') {
            expect(error.problem.detail).toContain('《中华人民共和国个人信息保护法》第二十八条');
            expect(error.problem.basis).toBe('《中华人民共和国个人信息保护法》第二十八条');
          }
        }
      }
    },
  );

  it('covers every cell: 2 callers × 4 share situations × read and write', () => {
    expect(cells).toHaveLength(16);
  });

  it('share requests: only the provider decides, once, a refusal carries its reason, strangers see nothing', async () => {
    const renshe = clientFor(sandbox.url, 'renshe');
    const request = await renshe.shareRequests.create({
      resource: codes['conditional-approved'],
      purpose: '社保待遇资格认证',
    });
    expect(request.data).toMatchObject({ status: 'pending', consumer: 'renshe', provider: 'gongan' });
    await expectProblem(renshe.shareRequests.approve(request.data.id), 403, 'access.forbidden');
    await expectProblem(minzheng.shareRequests.get(request.data.id), 404, 'share_request.not_found');
    const refused = await gongan.shareRequests.refuse(request.data.id, { reason: '请补充业务依据' });
    expect(refused.data).toMatchObject({ status: 'refused', reason: '请补充业务依据' });
    expect(refused.data.decidedAt).toBeTruthy();
    await expectProblem(gongan.shareRequests.approve(request.data.id), 409, 'share_request.already_decided');
    expect((await renshe.shareRequests.get(request.data.id)).data.reason).toBe('请补充业务依据');
    await expectProblem(
      renshe.records.query(codes['conditional-approved']).pages().next(),
      403,
      'access.share_request_required',
    );

    await expectProblem(
      renshe.shareRequests.create({ resource: codes.none, purpose: '任何用途' }),
      403,
      'access.not_shared',
    );
    await expectProblem(
      renshe.shareRequests.create({ resource: codes.unconditional, purpose: '任何用途' }),
      400,
      'request.invalid',
    );

    const mine = [];
    for await (const item of gongan.shareRequests.list({ role: 'provider', status: 'pending' }))
      mine.push(item);
    expect(mine.map((item) => item.purpose)).toEqual(['再次申请，尚未审批']);
  });

  it('audits every read and write: the provider sees what was done to its resources, the authority sees all', async () => {
    const events = [];
    for await (const event of gongan.audit.list({ resource: codes.none })) events.push(event);
    const byMinzheng = events.filter((event) => event.department === 'minzheng');
    expect(byMinzheng.map((e) => `${e.action} ${e.status}`).sort()).toEqual([
      'changes.list 403',
      'records.batch 403',
      'records.query 403',
    ]);
    expect(events.every((event) => event.requestId)).toBe(true);

    const minzhengSees = [];
    for await (const event of minzheng.audit.list({ department: 'renshe' })) minzhengSees.push(event);
    expect(minzhengSees).toEqual([]);

    const authoritySees = [];
    for await (const event of clientFor(sandbox.url, 'dashuju').audit.list({
      department: 'renshe',
      limit: 50,
    })) {
      authoritySees.push(event.action);
    }
    expect(authoritySees).toEqual(expect.arrayContaining(['share_request.create', 'records.query']));
  });
});
