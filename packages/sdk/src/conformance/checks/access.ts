import type { ShareRequest } from '../../generated';
import { expectEqual, expectRefused } from '../assert';
import {
  type ConformanceRecord,
  conformanceEntry,
  conformanceRecords,
  type ShareType,
} from '../fixtures/entry';
import type { CheckContext, ConformanceCheck, ConformanceRole } from '../types';

/** The roles that read providerA's data in these checks. */
export type Reader = 'providerB' | 'vendor';

/** Records as a batch carries them: plain objects (the spread gives the index signature the batch type asks for). */
export const asBatchRecords = (records: ConformanceRecord[]) => records.map((record) => ({ ...record }));

const PURPOSE = '接口符合性检验：验证共享申请与访问控制';

/** A fresh published entry of providerA holding `count` records keyed `<prefix>…`, so reads have an exact answer. */
export async function entryWithRecords(
  context: CheckContext,
  shareType: ShareType,
  prefix: string,
  count = 2,
): Promise<{ code: string; keys: string[] }> {
  const { code } = await context.fixtures.publishNew('providerA', shareType);
  const records = conformanceRecords(count, prefix);
  const answer = await context.client('providerA').records.batch(code, { upsert: asBatchRecords(records) });
  expectEqual(
    answer.data.results.map((r) => r.status),
    records.map(() => 'accepted'),
    'records pushed by the provider',
  );
  return { code, keys: records.map((r) => r.bh) };
}

/** The keys of every record `role` reads from `code`, in the exchange's order (by key). */
export async function readKeys(
  context: CheckContext,
  role: ConformanceRole,
  code: string,
): Promise<string[]> {
  const records = await context.client(role).records.query(code).toArray();
  return records.map((r) => String(r.bh));
}

/** `reader` asks providerA for access to `code`; the answer must be a pending request of the reader. */
export async function askAccess(context: CheckContext, reader: Reader, code: string): Promise<ShareRequest> {
  const asked = await context.client(reader).shareRequests.create({ resource: code, purpose: PURPOSE });
  const [consumer, provider] = await Promise.all([
    context.fixtures.department(reader),
    context.fixtures.department('providerA'),
  ]);
  expectEqual(
    [asked.data.resource, asked.data.consumer, asked.data.provider, asked.data.status],
    [code, consumer.id, provider.id, 'pending'],
    'the new share request (resource, consumer, provider, status)',
  );
  return asked.data;
}

/** `reader` asks and providerA approves; the answer must say approved. */
export async function grantAccess(
  context: CheckContext,
  reader: Reader,
  code: string,
): Promise<ShareRequest> {
  const asked = await askAccess(context, reader, code);
  const approved = await context.client('providerA').shareRequests.approve(asked.id);
  expectEqual(approved.data.status, 'approved', 'the approved share request status');
  return approved.data;
}

/** A read of records that must be refused 403 with this problem code. */
export async function expectReadRefused(
  context: CheckContext,
  role: ConformanceRole,
  code: string,
  problem: string,
): Promise<void> {
  const refused = await expectRefused(readKeys(context, role, code), 403, `${role} queryRecords`);
  expectEqual(refused, problem, `${role} queryRecords problem code`);
}

/** Codes of the entries `role` finds when it lists the catalogue by this entry's name. */
async function listedCodes(context: CheckContext, role: ConformanceRole, code: string): Promise<string[]> {
  const name = conformanceEntry(await context.fixtures.department('providerA'), code).name;
  const listed = await context.client(role).catalog.list({ q: name }).toArray();
  return listed.map((r) => r.code).filter((c) => c === code);
}

async function expectNotFound(context: CheckContext, role: ConformanceRole, code: string): Promise<void> {
  const problem = await expectRefused(
    context.client(role).catalog.get(code),
    404,
    `${role} getResource of a draft`,
  );
  expectEqual(problem, 'resource.not_found', `${role} getResource of a draft problem code`);
}

export const accessChecks: ConformanceCheck[] = [
  {
    id: 'access/unconditional-department-reads',
    title: {
      zh: '其他部门可读取无条件共享资源的记录',
      en: 'another department reads the records of an unconditionally shared resource',
    },
    spec: 'queryRecords, getResource, listResources',
    async run(context) {
      const { code } = await context.fixtures.published('unconditional');
      const [record] = conformanceRecords(1, 'AU');
      await context.client('providerA').records.batch(code, { upsert: asBatchRecords([record!]) });
      const read = await context
        .client('providerB')
        .records.query(code, { filter: { bh: record!.bh } })
        .toArray();
      // Compared member by member: the contract does not fix the order of a record's members.
      const fields = read.map((r) => [r.bh, r.xm, r.nl]);
      expectEqual(fields, [[record!.bh, record!.xm, record!.nl]], 'the record providerB reads');
      const resource = await context.client('providerB').catalog.get(code);
      expectEqual(resource.data.status, 'published', 'status providerB sees');
      expectEqual(await listedCodes(context, 'providerB', code), [code], 'providerB lists the entry');
    },
  },
  {
    id: 'access/conditional-needs-request',
    title: {
      zh: '有条件共享资源无批准申请时拒绝读取（403 access.share_request_required）',
      en: 'a conditional resource is refused without an approved request (403 access.share_request_required)',
    },
    spec: 'queryRecords, listChanges',
    async run(context) {
      const { code } = await entryWithRecords(context, 'conditional', 'AC');
      await expectReadRefused(context, 'providerB', code, 'access.share_request_required');
      const feed = context.client('providerB').records.changes(code).firstPage();
      expectEqual(
        await expectRefused(feed, 403, 'providerB listChanges'),
        'access.share_request_required',
        'listChanges problem code',
      );
    },
  },
  {
    id: 'access/conditional-after-approval',
    title: {
      zh: '提供方批准共享申请后方可读取有条件共享资源',
      en: 'a conditional resource is read once its provider approved the request, not while it is pending',
    },
    spec: 'createShareRequest, approveShareRequest, queryRecords',
    async run(context) {
      const { code, keys } = await entryWithRecords(context, 'conditional', 'AA');
      const asked = await askAccess(context, 'providerB', code);
      await expectReadRefused(context, 'providerB', code, 'access.share_request_required');
      const approved = await context.client('providerA').shareRequests.approve(asked.id);
      expectEqual(approved.data.status, 'approved', 'the approved share request status');
      expectEqual(await readKeys(context, 'providerB', code), keys, 'records providerB reads after approval');
    },
  },
  {
    id: 'access/none-never',
    title: {
      zh: '不予共享资源对任何其他部门均拒绝（403 access.not_shared），且不可申请',
      en: 'a resource not shared is refused to everyone else (403 access.not_shared) and cannot be requested',
    },
    spec: 'queryRecords, createShareRequest',
    async run(context) {
      const { code } = await context.fixtures.published('none');
      for (const role of ['providerB', 'vendor', 'authority'] as const) {
        await expectReadRefused(context, role, code, 'access.not_shared');
      }
      const asked = context.client('providerB').shareRequests.create({ resource: code, purpose: PURPOSE });
      expectEqual(
        await expectRefused(asked, 403, 'createShareRequest for none'),
        'access.not_shared',
        'problem code',
      );
    },
  },
  {
    id: 'access/vendor-needs-request',
    title: {
      zh: '软件厂商读取无条件共享资源也须经批准的申请',
      en: 'a vendor reads even an unconditional resource only with an approved request',
    },
    spec: 'queryRecords, createShareRequest, approveShareRequest',
    async run(context) {
      const { code, keys } = await entryWithRecords(context, 'unconditional', 'AV');
      await expectReadRefused(context, 'vendor', code, 'access.share_request_required');
      await grantAccess(context, 'vendor', code);
      expectEqual(await readKeys(context, 'vendor', code), keys, 'records the vendor reads after approval');
    },
  },
  {
    id: 'access/refused-request-stays-refused',
    title: {
      zh: '被拒绝的申请不开放访问，拒绝理由可见',
      en: 'a refused request opens nothing, and its reason is shown',
    },
    spec: 'refuseShareRequest, queryRecords',
    async run(context) {
      const { code } = await entryWithRecords(context, 'conditional', 'AR');
      const asked = await askAccess(context, 'providerB', code);
      const reason = '检验：拒绝共享申请';
      const refused = await context.client('providerA').shareRequests.refuse(asked.id, { reason });
      expectEqual([refused.data.status, refused.data.reason], ['refused', reason], 'the refused request');
      await expectReadRefused(context, 'providerB', code, 'access.share_request_required');
    },
  },
  {
    id: 'access/draft-private',
    title: {
      zh: '草稿仅提供方与管理方可见，其他部门与厂商 404',
      en: 'a draft is seen by its provider and the authority only; others get 404',
    },
    spec: 'getResource, queryRecords',
    async run(context) {
      const { code } = await context.fixtures.createDraft('providerA');
      for (const role of ['providerB', 'vendor'] as const) await expectNotFound(context, role, code);
      const records = readKeys(context, 'providerB', code);
      expectEqual(
        await expectRefused(records, 404, 'providerB queryRecords of a draft'),
        'resource.not_found',
        'problem code',
      );
      for (const role of ['providerA', 'authority'] as const) {
        const seen = await context.client(role).catalog.get(code);
        expectEqual(seen.data.status, 'draft', `status ${role} sees`);
      }
    },
  },
  {
    id: 'access/draft-not-listed',
    title: {
      zh: '草稿不出现在其他部门与厂商的目录列表中',
      en: 'a draft is not in the catalogue list of other departments or a vendor',
    },
    spec: 'listResources',
    async run(context) {
      const { code } = await context.fixtures.createDraft('providerA');
      const seen = async (role: ConformanceRole) => (await listedCodes(context, role, code)).length === 1;
      const listedFor = {
        providerA: await seen('providerA'),
        authority: await seen('authority'),
        providerB: await seen('providerB'),
        vendor: await seen('vendor'),
      };
      expectEqual(
        listedFor,
        { providerA: true, authority: true, providerB: false, vendor: false },
        'who finds the draft in listResources',
      );
    },
  },
];
