import { Problem } from '../problems/problem';
import type { Caller, Role } from '../sandbox-state';

/** How a refusal names each role to people. */
const roleNames: Record<Role, { en: string; zh: string }> = {
  provider: { en: 'provider', zh: '提供方（provider）' },
  consumer: { en: 'consumer', zh: '使用方（consumer）' },
  authority: { en: 'authority', zh: '管理方（authority，大数据局）' },
  vendor: { en: 'vendor', zh: '软件厂商（vendor）' },
};

/** Who may call an operation, as the spec's `x-roles` and `x-self-approve-roles` say. */
export interface OperationRoles {
  /** Any one of these suffices; empty for an operation that needs no authentication. */
  readonly roles: readonly Role[];
  /** Roles let through to the handler as well, which admits them only where providers approve their own
   * entries (selfApprove) and only for their own entries. */
  readonly selfApproveRoles: readonly Role[];
}

export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.department.roles.some((role) => roles.includes(role));
}

/** 403 `access.role_required`, naming the roles that would have been allowed. */
export function roleRequired(what: string, roles: readonly Role[]): Problem {
  return new Problem(
    'access.role_required',
    `${what} needs one of the roles ${roles.map((role) => roleNames[role].en).join(', ')}`,
    {
      zh: `本部门的角色无权执行此操作，须具备以下角色之一：${roles.map((role) => roleNames[role].zh).join('、')}`,
      extensions: { requiredRoles: [...roles] },
    },
  );
}

/**
 * The generic role check of every authenticated operation, made before its request is read: the caller's
 * department needs one of the operation's roles.
 */
export function assertMayCall(caller: Caller, operationId: string, allowed: OperationRoles): void {
  if (hasAnyRole(caller, allowed.roles) || hasAnyRole(caller, allowed.selfApproveRoles)) return;
  throw roleRequired(operationId, allowed.roles);
}
