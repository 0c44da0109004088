import type { StoredResource } from '../catalog/resource-store';
import { Problem } from '../problems/problem';
import type { Caller, Role } from '../sandbox-state';
import type { ShareRequestStore } from '../storage/ports';
import { hasAnyRole, roleRequired } from './roles';

/** The roles that read other departments' records (as share type and approved requests allow). */
const readerRoles: readonly Role[] = ['consumer', 'authority', 'vendor'];

/**
 * Whether unconditional sharing (无条件共享, among government departments) opens data to the caller: a
 * department that reads (consumer, authority) and is not a vendor. A vendor reads only what an approved share
 * request grants.
 */
export function isSharingDepartment(caller: Caller): boolean {
  return hasAnyRole(caller, ['consumer', 'authority']) && !caller.department.roles.includes('vendor');
}

/**
 * Who may read a resource's records (共享属性): its provider always; another department by the share type of
 * the version in force — unconditional to every sharing department, conditional (and unconditional, for a
 * vendor) with an approved share request, none never (the refusal quotes the entry's stated basis).
 */
export async function assertCanRead(
  caller: Caller,
  resource: StoredResource,
  shares: ShareRequestStore,
): Promise<void> {
  if (resource.providerId === caller.department.id) return;
  if (!hasAnyRole(caller, readerRoles)) {
    throw roleRequired(`Reading records of another department's resource ${resource.code}`, readerRoles);
  }
  // The authority sees a draft too; with no version in force, its own share type is all there is.
  const inForce = resource.inForce ?? resource;
  if (inForce.shareType === 'none') {
    const basis = inForce.entry.share.condition;
    throw new Problem(
      'access.not_shared',
      `${resource.code} is not shared${basis ? `; basis: ${basis}` : ''}`,
      { zh: `该信息资源不予共享${basis ? `，依据：${basis}` : ''}`, extensions: basis ? { basis } : {} },
    );
  }
  if (inForce.shareType === 'unconditional' && isSharingDepartment(caller)) return;
  if (await shares.isApproved(caller.department.id, resource.code)) return;
  if (inForce.shareType === 'unconditional') {
    throw new Problem(
      'access.share_request_required',
      `${resource.code} is shared unconditionally among government departments; a vendor reads it with an approved share request (POST /v1/share-requests)`,
      { zh: '无条件共享仅限政务部门之间；软件厂商须经提供方批准共享申请后方可访问' },
    );
  }
  const condition = inForce.entry.share.condition;
  throw new Problem(
    'access.share_request_required',
    `${resource.code} is shared on condition${condition ? ` (${condition})` : ''}; request access with POST /v1/share-requests`,
    { extensions: condition ? { condition } : {} },
  );
}

/** Only the providing department writes a resource's entry and records. */
export function assertIsProvider(caller: Caller, resource: StoredResource): void {
  if (resource.providerId !== caller.department.id) {
    throw new Problem(
      'access.forbidden',
      `${resource.code} is provided by another department; only its provider may change it`,
      { zh: '该信息资源由其他部门提供，只有提供方可以修改' },
    );
  }
}
