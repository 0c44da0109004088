import { setTimeout as delay } from 'node:timers/promises';
import type { LoginFailure, TokenOwner } from '../auth/access-tokens';
import type { OperationInput } from '../http/operation';
import { rateLimited } from '../http/rate-limit';
import { Problem } from '../problems/problem';
import type { Services } from '../services';

/**
 * Runs a client's authentication by id and secret under the failed-login throttle — the token and the revocation
 * endpoints alike: a throttled client id or address is refused before its secret is checked; a failure is a 401
 * `auth.invalid_client` whatever its reason (the audit records which). The caller becomes the client's department.
 */
export function createClientLogin({ state, departments }: Services) {
  return async function throttled<T extends { owner: TokenOwner }>(
    { request }: OperationInput,
    clientId: string,
    authenticate: () => Promise<T | { failure: LoginFailure }>,
  ): Promise<T> {
    request.authFacts = { clientId };
    const attempt = await state.loginThrottle.begin(clientId, request.ip);
    if (attempt.refused) {
      request.authFacts.reason = 'throttled';
      await delay(state.loginThrottle.refusalDelayMs);
      throw tooManyFailedLogins(attempt.retryAfterSeconds);
    }
    const outcome = await authenticate();
    if ('failure' in outcome) {
      request.authFacts.reason = outcome.failure;
      throw new Problem('auth.invalid_client', 'Unknown client_id or wrong client_secret');
    }
    await attempt.succeeded();
    request.caller = {
      department: (await departments.get(outcome.owner.departmentId))!,
      clientId: outcome.owner.clientId,
    };
    return outcome;
  };
}

function tooManyFailedLogins(seconds: number): Problem {
  return rateLimited(
    seconds,
    `Too many failed logins for this client_id or from this address; retry after ${seconds} seconds`,
    `登录失败次数过多，请 ${seconds} 秒后重试`,
  );
}
