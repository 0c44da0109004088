import { assertCanRead, isSharingDepartment } from '../access/access-policy';
import type { OperationHandlers } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { loadResource } from './catalog-routes';
import { afterOf, limitOf, pageOf } from './page';

export function shareRoutes(services: Services): OperationHandlers {
  const { shares, state } = services;
  const now = () => new Date(state.now()).toISOString();

  const load = (id: string, departmentId: string) => {
    const share = shares.get(id);
    // Someone else's request is as invisible as a missing one.
    if (!share || (share.consumer !== departmentId && share.provider !== departmentId)) {
      throw new Problem('share_request.not_found', `No share request ${id} involves your department`);
    }
    return share;
  };

  const decide =
    (status: 'approved' | 'refused'): NonNullable<OperationHandlers['approveShareRequest']> =>
    ({ request, caller, params, body }) => {
      const share = load(params.id!, caller.department.id);
      request.auditFacts = {
        resource: share.resource,
        resourceProviderId: share.provider,
        detail: { shareRequest: share.id },
      };
      if (share.provider !== caller.department.id) {
        throw new Problem(
          'access.forbidden',
          'Only the provider of the resource decides on a share request',
          {
            zh: '只有信息资源提供方可以审批共享申请',
          },
        );
      }
      const reason = status === 'refused' ? (body as { reason: string }).reason : null;
      if (!shares.decide(share.id, status, reason, now())) {
        throw new Problem(
          'share_request.already_decided',
          `Share request ${share.id} is already ${share.status}`,
          {
            zh: `该共享申请已处理（${share.status === 'approved' ? '已同意' : '已拒绝'}）`,
          },
        );
      }
      return { status: 200, body: shares.get(share.id) };
    };

  return {
    createShareRequest: ({ request, caller, body }) => {
      const { resource: code, purpose } = body as { resource: string; purpose: string };
      const resource = loadResource(services, request, caller, code);
      // Access follows the version in force (the authority also sees entries not yet published).
      const shareType = (resource.inForce ?? resource).shareType;
      if (shareType === 'none') assertCanRead(caller, resource, shares);
      const opensToCaller = shareType === 'unconditional' && isSharingDepartment(caller);
      if (opensToCaller || resource.providerId === caller.department.id) {
        throw new Problem(
          'request.invalid',
          resource.providerId === caller.department.id
            ? 'A provider reads its own resources without a request'
            : `${code} is shared unconditionally; read it directly`,
          {
            zh:
              resource.providerId === caller.department.id
                ? '提供方读取本部门资源无需申请'
                : '该资源为无条件共享，无需申请',
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
      const share = shares.create(code, caller.department.id, resource.providerId, purpose, now());
      request.auditFacts!.detail = { shareRequest: share.id };
      return { status: 201, body: share, headers: { location: `/v1/share-requests/${share.id}` } };
    },
    listShareRequests: ({ caller, query }) => {
      const limit = limitOf(query);
      const rows = shares.list({
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
    getShareRequest: ({ caller, params }) => ({ status: 200, body: load(params.id!, caller.department.id) }),
    approveShareRequest: decide('approved'),
    refuseShareRequest: decide('refused'),
  };
}
