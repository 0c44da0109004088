import type { ShareRequest } from '../../generated';
import { expectEqual, expectRefused } from '../assert';
import type { CheckContext, ConformanceCheck } from '../types';
import { askAccess, entryWithRecords } from './access';

/** An id no exchange gives a share request (the contract's id: 1..64 characters). */
const UNKNOWN_REQUEST_ID = 'unsilo-conformance-no-such-request';

/** A fresh conditional entry of providerA and providerB's pending request for it. */
async function pendingRequest(context: CheckContext, prefix: string) {
  const { code } = await entryWithRecords(context, 'conditional', prefix, 1);
  return { code, asked: await askAccess(context, 'providerB', code) };
}

/** The members that identify a request, in a fixed order (the contract does not fix the members' order). */
const summary = (r: ShareRequest) => [r.id, r.resource, r.consumer, r.provider, r.purpose, r.status];

async function expectCode(call: Promise<unknown>, status: number, code: string, what: string): Promise<void> {
  expectEqual(await expectRefused(call, status, what), code, `${what} problem code`);
}

export const shareRequestsChecks: ConformanceCheck[] = [
  {
    id: 'share-requests/visible-to-both-sides',
    title: {
      zh: '共享申请对申请方与提供方可见、可列出，对他人 404',
      en: 'a share request is seen and listed by its consumer and provider, 404 to anyone else',
    },
    spec: 'getShareRequest, listShareRequests',
    async run(context) {
      const { code, asked } = await pendingRequest(context, 'SV');
      for (const role of ['providerB', 'providerA'] as const) {
        const seen = await context.client(role).shareRequests.get(asked.id);
        expectEqual(summary(seen.data), summary(asked), `the request as ${role} gets it`);
      }
      await expectCode(
        context.client('vendor').shareRequests.get(asked.id),
        404,
        'share_request.not_found',
        'vendor getShareRequest of another department',
      );
      const listed = async (role: 'providerA' | 'providerB' | 'vendor', side?: 'consumer' | 'provider') => {
        const items = await context
          .client(role)
          .shareRequests.list({ resource: code, ...(side ? { role: side } : {}) })
          .toArray();
        return items.map((r) => r.id);
      };
      expectEqual(
        {
          consumer: await listed('providerB', 'consumer'),
          provider: await listed('providerA', 'provider'),
          providerAsConsumer: await listed('providerA', 'consumer'),
          vendor: await listed('vendor'),
        },
        { consumer: [asked.id], provider: [asked.id], providerAsConsumer: [], vendor: [] },
        'listShareRequests for the resource by side',
      );
    },
  },
  {
    id: 'share-requests/decided-once',
    title: {
      zh: '已处理的申请不能再次同意或拒绝（409 share_request.already_decided）',
      en: 'a decided request cannot be approved or refused again (409 share_request.already_decided)',
    },
    spec: 'approveShareRequest, refuseShareRequest',
    async run(context) {
      const { asked } = await pendingRequest(context, 'SD');
      const provider = context.client('providerA').shareRequests;
      expectEqual((await provider.approve(asked.id)).data.status, 'approved', 'first approval');
      const conflict = 'share_request.already_decided';
      await expectCode(provider.approve(asked.id), 409, conflict, 'second approval');
      await expectCode(
        provider.refuse(asked.id, { reason: '检验' }),
        409,
        conflict,
        'refusal after approval',
      );
      expectEqual((await provider.get(asked.id)).data.status, 'approved', 'status after the refused steps');
    },
  },
  {
    id: 'share-requests/only-provider-decides',
    title: {
      zh: '申请方与厂商不能审批申请（403），申请仍待处理',
      en: 'neither the consumer nor a vendor can decide a request (403); it stays pending',
    },
    spec: 'approveShareRequest, refuseShareRequest',
    async run(context) {
      const { asked } = await pendingRequest(context, 'SO');
      // providerB holds the provider role, but not for this resource: refused on whose request it is.
      await expectCode(
        context.client('providerB').shareRequests.approve(asked.id),
        403,
        'access.forbidden',
        'the consumer approving its own request',
      );
      await expectCode(
        context.client('vendor').shareRequests.refuse(asked.id, { reason: '检验' }),
        403,
        'access.role_required',
        'a vendor refusing a request',
      );
      const now = await context.client('providerA').shareRequests.get(asked.id);
      expectEqual(now.data.status, 'pending', 'status after the refused decisions');
    },
  },
  {
    id: 'share-requests/unconditional-needs-none',
    title: {
      zh: '政务部门申请无条件共享资源被拒绝（400 request.invalid）',
      en: 'a department asking for an unconditional resource is refused (400 request.invalid)',
    },
    spec: 'createShareRequest',
    async run(context) {
      const { code } = await context.fixtures.published('unconditional');
      const asked = context
        .client('providerB')
        .shareRequests.create({ resource: code, purpose: '检验：无条件共享无需申请' });
      await expectCode(asked, 400, 'request.invalid', 'providerB createShareRequest for unconditional');
    },
  },
  {
    id: 'share-requests/unknown',
    title: {
      zh: '不存在的申请返回 404 share_request.not_found',
      en: 'an unknown share request is 404 share_request.not_found',
    },
    spec: 'getShareRequest, approveShareRequest',
    async run(context) {
      const notFound = 'share_request.not_found';
      await expectCode(
        context.client('providerB').shareRequests.get(UNKNOWN_REQUEST_ID),
        404,
        notFound,
        'get',
      );
      const approve = context.client('providerA').shareRequests.approve(UNKNOWN_REQUEST_ID);
      await expectCode(approve, 404, notFound, 'approve');
    },
  },
];
