import type { ExchangeClient } from '../client';
import type { ConformanceRole } from './types';

const roles: readonly ConformanceRole[] = ['providerA', 'providerB', 'vendor', 'authority'];

/**
 * Before any check: the exchange answers and every role's credentials get a token that `getMe` accepts. Undefined
 * when the run can go on, else why it cannot (exit 2: the run could not start, not a failure of the exchange).
 * Whether each department holds the roles the checks assume is the first check (`auth/credential-roles`).
 */
export async function preflight(
  client: (role: ConformanceRole) => ExchangeClient,
): Promise<string | undefined> {
  for (const role of roles) {
    try {
      await client(role).departments.me();
    } catch (error) {
      return `${role}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}
