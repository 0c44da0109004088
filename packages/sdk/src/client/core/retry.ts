import { isHTTPError, type RetryOptions as KyRetryOptions } from 'ky';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** Base delay of the first retry (ms); doubles each time, then full jitter. Default 300. */
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

export const defaultRetryStatusCodes = [408, 425, 429, 500, 502, 503, 504] as const;

/** Methods the HTTP semantics make safe to repeat. POST joins them only with an Idempotency-Key. */
const idempotentMethods = ['get', 'head', 'put', 'delete', 'options'];

/** Delay in ms asked for by a `Retry-After` value (delta-seconds or an HTTP date), if valid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function toKyRetry(options: RetryOptions | number | false | undefined): KyRetryOptions {
  if (options === false) return { limit: 0 };
  const config: RetryOptions = typeof options === 'number' ? { limit: options } : (options ?? {});
  const statusCodes = [...(config.statusCodes ?? defaultRetryStatusCodes)];
  const base = config.delay ?? 300;
  const maxRetryAfter = config.maxRetryAfter ?? 60_000;
  return {
    limit: config.limit ?? 2,
    methods: [...idempotentMethods, 'post'],
    statusCodes,
    // Every retried status honours Retry-After; jitter is skipped when the server names a time.
    afterStatusCodes: statusCodes,
    maxRetryAfter,
    backoffLimit: config.backoffLimit ?? 20_000,
    delay: (attempt) => base * 2 ** (attempt - 1),
    jitter: true,
    retryOnTimeout: config.retryOnTimeout ?? false,
    shouldRetry: ({ error }) => {
      if (isHTTPError(error)) {
        const asked = parseRetryAfter(error.response.headers.get('retry-after'));
        if (asked !== undefined && asked > maxRetryAfter) return false;
      }
      return undefined;
    },
  };
}
