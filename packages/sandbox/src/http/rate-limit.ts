import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addressGroup } from '../auth/address-group';
import type { ThrottleStore } from '../auth/throttle-store';
import { Problem } from '../problems/problem';
import type { Caller } from '../sandbox-state';
import type { Contract } from './contract';
import type { OperationId } from './operation-table';

/** Requests a client may make per minute by default: far above what the SDK, the CLI or a sync job sends. */
export const defaultRequestsPerMinute = 60_000;

export type Authenticate = (request: FastifyRequest) => Promise<Caller>;

/**
 * Requests per minute per client: a bucket of `requestsPerMinute` that refills continuously, so a client may
 * burst up to a minute's allowance and then goes at the steady rate. 0 turns the limit off.
 */
export function createRequestLimiter(store: ThrottleStore, requestsPerMinute: number, now: () => number) {
  return {
    /** Counts one request under `key`; when over the rate, the seconds to wait instead. */
    async check(key: string): Promise<number | undefined> {
      if (requestsPerMinute <= 0) return undefined;
      const waitMs = await store.take(key, requestsPerMinute, 60_000, now());
      return waitMs === undefined ? undefined : Math.max(1, Math.ceil(waitMs / 1000));
    },
  };
}

export type RequestLimiter = ReturnType<typeof createRequestLimiter>;

// The Retry-After of each 429 problem, set as a header when the problem is answered (see the onError hook).
const retryAfterOf = new WeakMap<Problem, number>();

/** A 429 `rate.limited` problem whose answer carries `Retry-After: retryAfterSeconds`. */
export function rateLimited(retryAfterSeconds: number, detail: string, zh: string): Problem {
  const problem = new Problem('rate.limited', detail, { zh });
  retryAfterOf.set(problem, retryAfterSeconds);
  return problem;
}

/**
 * The per-client request rate limit. The operations that need no credentials count per source address (an IPv6
 * /64) in a hook, before their body is read; the others count per authenticated client id, in the returned wrapper
 * of `authenticate` — after authentication, so that a forged identity cannot spend another client's allowance.
 * A refused request never reaches its handler, so it changes nothing.
 */
export function registerRateLimit(
  app: FastifyInstance,
  limiter: RequestLimiter,
  contract: Contract,
  authenticate: Authenticate,
): Authenticate {
  app.addHook('onError', async (_request, reply, error) => {
    const seconds = error instanceof Problem ? retryAfterOf.get(error) : undefined;
    if (seconds !== undefined) reply.header('retry-after', String(seconds));
  });
  // Before the body is read, after every onRequest hook (the answer still carries its X-Request-Id).
  app.addHook('preParsing', async (request, _reply, payload) => {
    const operationId = request.routeOptions.config?.operationId as OperationId | undefined;
    if (!operationId || !contract.routes[operationId]?.anonymous) return payload;
    const wait = await limiter.check(`a:${addressGroup(request.ip)}`);
    if (wait !== undefined) throw tooManyRequests(wait);
    return payload;
  });
  return async (request) => {
    const caller = await authenticate(request);
    const wait = await limiter.check(`c:${caller.clientId}`);
    if (wait !== undefined) {
      request.caller = caller; // audited as the department's own refused request
      throw tooManyRequests(wait);
    }
    return caller;
  };
}

function tooManyRequests(seconds: number): Problem {
  return rateLimited(
    seconds,
    `Too many requests; retry after ${seconds} seconds`,
    `请求过于频繁，请 ${seconds} 秒后重试`,
  );
}
