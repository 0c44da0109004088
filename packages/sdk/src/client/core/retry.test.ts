import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep, toRetryPolicy } from './retry';

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-11-26T06:00:00Z');
    expect(parseRetryAfter('Thu, 26 Nov 2026 06:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 05:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or malformed values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('defaults to two retries on the transient statuses', () => {
    const policy = toRetryPolicy(undefined);
    expect(policy.limit).toBe(2);
    expect([...policy.statusCodes]).toEqual([408, 425, 429, 500, 502, 503, 504]);
    expect(policy.retryOnTimeout).toBe(false);
  });

  it('accepts a number as the limit and false as no retries, and refuses nonsense', () => {
    expect(toRetryPolicy(5).limit).toBe(5);
    expect(toRetryPolicy(false).limit).toBe(0);
    const limit = 'Invalid client option retry: must be a whole number from 0 to 100';
    expect(() => toRetryPolicy(-1)).toThrow(limit);
    expect(() => toRetryPolicy(1.5)).toThrow(limit);
  });

  it('doubles the backoff ceiling per retry, caps it, and draws the delay below it (full jitter)', () => {
    const policy = toRetryPolicy({ delay: 100, backoffLimit: 350 });
    const ceiling = (retry: number) => backoffDelay(policy, retry, () => 1);
    expect([1, 2, 3, 4].map(ceiling)).toEqual([100, 200, 350, 350]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(100);
  });
});

describe('sleep', () => {
  it('rejects with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
