import type { ShareRequest } from '@unsilo/sdk/schemas';
import { assertCanRead, isSharingDepartment } from '../access/access-policy';
import type { OperationHandlers, OperationInput, OperationOutput } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { loadResource } from './catalog-routes';
import { afterOf, limitOf, pageOf } from './page';

export function shareRoutes(services: Services): OperationHandlers {
  return {
    createShareRequest: (input) => createShareRequest(services, input),
    listShareRequests: async ({ caller, query }) => {
      const limit = limitOf(query);
      const rows = await services.shares.list({
        departmentId: caller.department.id,
        role: query.role as 'consumer' | 'provider' | undefined,
        status: query.status as string | undefined,
        resource: query.resource as string | undefined,
        after: afterOf('shr', query),
        limit: limit + 1,
      });
      return {
        status: 200,
        body: pageOf(
          rows,
          limit,
          'shr',
          (s) => `${s.createdAt}|${s.id}`,
          (s) => s,
        ),
      };
    },
    getShareRequest: async ({ caller, params }) => ({
      status: 200,
      body: await loadShare(services, params.id!, caller.department.id),
    }),
    approveShareRequest: (input) => decide(services, 'approved', input),
    refuseShareRequest: (input) => decide(services, 'refused', input),
  };
}

const nowOf = (services: Services) => new Date(services.state.now()).toISOString();

async function loadShare(services: Services, id: string, departmentId: string): Promise<ShareRequest> {
  const share = await services.shares.get(id);
  // Someone else's request is as invisible as a missing one.
  if (!share || (share.consumer !== departmentId && share.provider !== departmentId)) {
    throw new Problem('share_request.not_found', `No share request ${id} involves your department`);
  }
  return share;
}

/** A consumer asks to read a resource; refused when it may read it already (its own, or unconditional). */
async function createShareRequest(
  services: Services,
  { request, caller, body }: OperationInput,
): Promise<OperationOutput> {
  const { shares } = services;
  const { resource: code, purpose } = body as { resource: string; purpose: string };
  const resource = await loadResource(services, request, caller, code);
  // Access follows the version in force (the authority also sees entries not yet published).
  const shareType = (resource.inForce ?? resource).shareType;
  if (shareType === 'none') await assertCanRead(caller, resource, shares);
  const opensToCaller = shareType === 'unconditional' && isSharingDepartment(caller);
  if (opensToCaller || resource.providerId === caller.department.id) {
    const own = resource.providerId === caller.department.id;
    throw new Problem(
      'request.invalid',
      own
        ? 'A provider reads its own resources without a request'
        : `${code} is shared unconditionally; read it directly`,
      {
        zh: own ? '提供方读取本部门资源无需申请' : '该资源为无条件共享，无需申请',
        errors: [
          {
            field: 'resource',
            rule: 'share-type',
            value: code,
            message: 'needs no share request',
            zh: '无需共享申请',
          },
        ],
      },
    );
  }
  const share = await shares.create(
    code,
    caller.department.id,
    resource.providerId,
    purpose,
    nowOf(services),
  );
  request.auditFacts!.detail = { shareRequest: share.id };
  return { status: 201, body: share, headers: { location: `/v1/share-requests/${share.id}` } };
}

/** The provider approves or refuses a request, once. */
async function decide(
  services: Services,
  status: 'approved' | 'refused',
  { request, caller, params, body }: OperationInput,
): Promise<OperationOutput> {
  const share = await loadShare(services, params.id!, caller.department.id);
  request.auditFacts = {
    resource: share.resource,
    resourceProviderId: share.provider,
    detail: { shareRequest: share.id },
  };
  if (share.provider !== caller.department.id) {
    throw new Problem('access.forbidden', 'Only the provider of the resource decides on a share request', {
      zh: '只有信息资源提供方可以审批共享申请',
    });
  }
  const reason = status === 'refused' ? (body as { reason: string }).reason : null;
  const decided = await services.shares.decide(share.id, status, reason, nowOf(services));
  if (!decided) {
    throw new Problem(
      'share_request.already_decided',
      `Share request ${share.id} is already ${share.status}`,
      {
        zh: `该共享申请已处理（${share.status === 'approved' ? '已同意' : '已拒绝'}）`,
      },
    );
  }
  return { status: 200, body: decided };
}
