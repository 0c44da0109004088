import type { StoredResource } from '../catalog/resource-store';
import { Problem } from '../problems/problem';
import type { Caller } from '../sandbox-state';
import type { ShareRequestStore } from './share-requests';

/**
 * Who may read a resource's records (共享属性): its provider always; another department by share type —
 * unconditional to every department, conditional with an approved share request, none never (the refusal quotes
 * the entry's stated basis).
 */
export function assertCanRead(caller: Caller, resource: StoredResource, shares: ShareRequestStore): void {
  if (resource.providerId === caller.department.id) return;
  if (resource.shareType === 'none') {
    const basis = resource.entry.share.condition;
    throw new Problem(
      'access.not_shared',
      `${resource.code} is not shared${basis ? `; basis: ${basis}` : ''}`,
      { zh: `该信息资源不予共享${basis ? `，依据：${basis}` : ''}`, extensions: basis ? { basis } : {} },
    );
  }
  if (resource.shareType === 'conditional' && !shares.isApproved(caller.department.id, resource.code)) {
    const condition = resource.entry.share.condition;
    throw new Problem(
      'access.share_request_required',
      `${resource.code} is shared on condition${condition ? ` (${condition})` : ''}; request access with POST /v1/share-requests`,
      { extensions: condition ? { condition } : {} },
    );
  }
}

/** Only the providing department writes a resource's entry and records. */
export function assertIsProvider(caller: Caller, resource: StoredResource): void {
  if (resource.providerId !== caller.department.id) {
    throw new Problem(
      'access.forbidden',
      `${resource.code} is provided by another department; only its provider may change it`,
    );
  }
}
