import { checkRetryOption } from '../options';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** Base delay of the first retry (ms); doubles with each retry, then full jitter. Default 300. */
  delay?: number;
  /** Upper bound of one backoff delay (ms). Default 20,000. */
  backoffLimit?: number;
  /** Statuses worth another attempt. Default 408, 425, 429, 500, 502, 503, 504. */
  statusCodes?: readonly number[];
  /**
   * The longest `Retry-After` (ms) the client will wait. A server asking for longer gets no
   * retry: the error surfaces at once instead of the call silently hanging. Default 60,000.
   */
  maxRetryAfter?: number;
  /** Retry an attempt that timed out. Default false: a slow server is not sent more work. */
  retryOnTimeout?: boolean;
}

export interface RetryPolicy {
  limit: number;
  delay: number;
  backoffLimit: number;
  statusCodes: ReadonlySet<number>;
  maxRetryAfter: number;
  retryOnTimeout: boolean;
}

export const defaultRetryStatusCodes = [408, 425, 429, 500, 502, 503, 504] as const;

/** The policy for a retry option; throws ExchangeConfigError for one that cannot work. */
export function toRetryPolicy(options: RetryOptions | number | false | undefined): RetryPolicy {
  checkRetryOption(options);
  const config: RetryOptions =
    options === false ? { limit: 0 } : typeof options === 'number' ? { limit: options } : (options ?? {});
  return {
    limit: config.limit ?? 2,
    delay: config.delay ?? 300,
    backoffLimit: config.backoffLimit ?? 20_000,
    statusCodes: new Set(config.statusCodes ?? defaultRetryStatusCodes),
    maxRetryAfter: config.maxRetryAfter ?? 60_000,
    retryOnTimeout: config.retryOnTimeout ?? false,
  };
}

/**
 * Exponential backoff with full jitter: a random delay between 0 and base·2^(retry−1), capped.
 * Full jitter spreads the retries of many clients hit by the same outage.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return random() * Math.min(policy.backoffLimit, policy.delay * 2 ** (retry - 1));
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

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
