/** Why a push failed, as far as retrying is concerned. */
export interface RetryDecision {
  retry: boolean;
  /** The server's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs?: number;
  /** A floor for the backoff when the server asked for patience without naming a time. */
  minDelayMs?: number;
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 8). */
  attempts?: number;
  /** First backoff in ms, doubled per attempt with full jitter (default 200). */
  baseDelayMs?: number;
  /** Backoff ceiling in ms (default 10,000). A server's Retry-After is honoured up to 60 s. */
  maxDelayMs?: number;
  classify: (error: unknown) => RetryDecision;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  random?: () => number;
}

// The client's reading of Retry-After, so that sync and client agree on what a server asked for.
export { parseRetryAfter } from '../client/core/retry';

/** Runs `task` until it succeeds, the error is not retryable, or attempts run out. */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 8;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      const decision = options.classify(error);
      if (!decision.retry || attempt >= attempts) throw error;
      const backoff = Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + random() / 2);
      const delay =
        decision.retryAfterMs !== undefined
          ? Math.min(60_000, Math.max(decision.retryAfterMs, 0))
          : Math.max(backoff, decision.minDelayMs ?? 0);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
