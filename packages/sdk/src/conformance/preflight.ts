import type { ExchangeClient } from '../client';
import type { DepartmentRole } from '../generated';
import type { ConformanceRole } from './types';

/** The roles each set of credentials must hold for the checks to mean anything. */
const requiredRoles: Record<ConformanceRole, DepartmentRole[]> = {
  providerA: ['provider'],
  providerB: ['provider', 'consumer'],
  vendor: ['vendor'],
  authority: ['authority'],
};

/**
 * Before any check: the exchange answers, every role's credentials get a token, and each belongs to a department
 * with the roles the checks assume. Undefined when the run can go on, else why it cannot (exit 2, not a failure of
 * the exchange). The four must also be three different departments at least: providerA ≠ providerB ≠ vendor.
 */
export async function preflight(
  client: (role: ConformanceRole) => ExchangeClient,
): Promise<string | undefined> {
  const ids = new Map<ConformanceRole, string>();
  for (const role of Object.keys(requiredRoles) as ConformanceRole[]) {
    let me: Awaited<ReturnType<ExchangeClient['departments']['me']>>;
    try {
      me = await client(role).departments.me();
    } catch (error) {
      return `${role}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const missing = requiredRoles[role].filter((r) => !me.data.roles.includes(r));
    if (missing.length > 0) {
      return `${role} (${me.data.id}) lacks the role ${missing.join(', ')} / 该凭据所属部门缺少所需角色`;
    }
    ids.set(role, me.data.id);
  }
  const distinct = new Set([ids.get('providerA'), ids.get('providerB'), ids.get('vendor')]);
  if (distinct.size < 3) {
    return 'providerA, providerB and vendor must be three different departments / 三者须为不同部门';
  }
  return undefined;
}
