import { isHTTPError, isTimeoutError, type RetryOptions as KyRetryOptions } from 'ky';
import { checkRetryOption } from '../options';
import { NetworkFailure } from './ky-fetch';

/**
 * How a call is retried. Ky's retry is the one retry mechanism of the SDK: these options become ky's
 * (`statusCodes`, `afterStatusCodes`, `backoffLimit`, `delay`, `jitter`, `shouldRetry`), in one of two
 * profiles: the client's (`clientRetry`, the default) and sync's (`syncRetry`). Options given as an
 * object override the client's profile field by field: `{ ...syncRetry, limit: 3 }` starts from sync's.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** Base delay of the first retry (ms); doubles with each retry, capped, then jittered. Default 300. */
  delay?: number;
  /** Upper bound of one backoff delay (ms). Default 20,000. */
  backoffLimit?: number;
  /** Statuses worth another attempt. Default 408, 425, 429, 500, 502, 503, 504. */
  statusCodes?: readonly number[];
  /** The longest `Retry-After` (ms) the client will wait. Default 60,000. */
  maxRetryAfter?: number;
  /**
   * What a `Retry-After` longer than `maxRetryAfter` does. `false` (default): no retry, the error
   * surfaces at once instead of the call silently hanging. `true`: wait `maxRetryAfter`, then retry.
   */
  clampRetryAfter?: boolean;
  /** How a backoff delay is drawn: `full` from 0 up to it (default), `equal` from half of it up to it. */
  jitter?: 'full' | 'equal';
  /** Retry an attempt that timed out. Default false: a slow server is not sent more work. */
  retryOnTimeout?: boolean;
}

type RetryProfile = Readonly<Required<RetryOptions>>;

/** The client's profile: 2 retries on 408/425/429/500/502/503/504; a longer Retry-After than 60 s fails. */
export const clientRetry: RetryProfile = Object.freeze({
  limit: 2,
  delay: 300,
  backoffLimit: 20_000,
  statusCodes: Object.freeze([408, 425, 429, 500, 502, 503, 504]),
  maxRetryAfter: 60_000,
  clampRetryAfter: false,
  jitter: 'full',
  retryOnTimeout: false,
});

const everyServerError = Array.from({ length: 100 }, (_, index) => 500 + index);

/**
 * Sync's profile, for batches that must get through: 8 attempts, 200 ms base, 10 s cap, half-to-full
 * jitter; timeouts, resets, 408/425/429 and every 5xx are retried; a `Retry-After` is honoured up to
 * 60 s and clamped there (a batch waits rather than fails).
 */
export const syncRetry: RetryProfile = Object.freeze({
  limit: 7,
  delay: 200,
  backoffLimit: 10_000,
  statusCodes: Object.freeze([408, 425, 429, ...everyServerError]),
  maxRetryAfter: 60_000,
  clampRetryAfter: true,
  jitter: 'equal',
  retryOnTimeout: true,
});

/** Ky's retry options for a call, by whether its method may be repeated safely. */
export interface KyRetry {
  /** GET, PUT, DELETE, PATCH...: everything but a POST. */
  repeatable: KyRetryOptions;
  /** The same, POST included: for a POST that carries an Idempotency-Key or changes nothing. */
  anyMethod: KyRetryOptions;
}

const repeatableMethods: NonNullable<KyRetryOptions['methods']> = [
  'get',
  'put',
  'patch',
  'head',
  'delete',
  'options',
  'trace',
];

// The profiles are frozen, and so are options a caller wants to reuse cheaply: built once each.
const built = new WeakMap<RetryOptions, KyRetry>();

/** Ky's retry options for a retry option; throws ExchangeConfigError for one that cannot work. */
export function toKyRetry(option: RetryOptions | number | false | undefined): KyRetry {
  if (typeof option !== 'object' || !Object.isFrozen(option)) return buildKyRetry(option);
  let retry = built.get(option);
  if (!retry) {
    retry = buildKyRetry(option);
    built.set(option, retry);
  }
  return retry;
}

function buildKyRetry(option: RetryOptions | number | false | undefined): KyRetry {
  checkRetryOption(option);
  const profile = settle(option);
  const statusCodes = [...profile.statusCodes];
  const repeatable: KyRetryOptions = {
    limit: profile.limit,
    methods: repeatableMethods,
    statusCodes,
    // A Retry-After is honoured on every status that is retried.
    afterStatusCodes: statusCodes,
    maxRetryAfter: profile.maxRetryAfter,
    backoffLimit: profile.backoffLimit,
    // Capped before the jitter, so that the jitter spreads the capped delays too.
    delay: (retry) => Math.min(profile.backoffLimit, profile.delay * 2 ** (retry - 1)),
    jitter: profile.jitter === 'equal' ? equalJitter : true,
    retryOnTimeout: profile.retryOnTimeout,
    shouldRetry: ({ error }) => shouldRetry(profile, error),
  };
  return { repeatable, anyMethod: { ...repeatable, methods: [...repeatableMethods, 'post'] } };
}

function settle(option: RetryOptions | number | false | undefined): RetryProfile {
  if (option === undefined) return clientRetry;
  if (option === false) return { ...clientRetry, limit: 0 };
  if (typeof option === 'number') return { ...clientRetry, limit: option };
  const given = Object.fromEntries(Object.entries(option).filter(([, value]) => value !== undefined));
  return { ...clientRetry, ...given };
}

function equalJitter(delay: number): number {
  return delay * (0.5 + Math.random() / 2);
}

/**
 * Ky's `shouldRetry`: `true` retries after ky's backoff, `false` gives up, `undefined` leaves it to ky,
 * which waits what the server's Retry-After asked for, up to `maxRetryAfter`.
 */
function shouldRetry(profile: RetryProfile, error: Error): boolean | undefined {
  // The connection failed before the whole answer arrived.
  if (error instanceof NetworkFailure) return true;
  if (isTimeoutError(error)) return profile.retryOnTimeout;
  // Anything else (the caller's abort, credentials that could not be had) is no transient failure.
  if (!isHTTPError(error) || !profile.statusCodes.includes(error.response.status)) return false;
  const asked = parseRetryAfter(error.response.headers.get('retry-after'));
  if (asked === undefined) return true;
  // A server asking for a longer pause than the caller accepts gets no retry, unless the profile clamps.
  return asked > profile.maxRetryAfter && !profile.clampRetryAfter ? false : undefined;
}

/** Delay in ms asked for by a `Retry-After` value (delta-seconds or an HTTP date), if valid. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
