import { describe, expect, it } from 'vitest';
import { clientRetry, parseRetryAfter, syncRetry, toKyRetry } from './retry';

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

describe('retry profiles as ky retry options', () => {
  it('defaults to the client profile: two retries on the transient statuses, no retry on timeouts', () => {
    const { repeatable, anyMethod } = toKyRetry(undefined);
    expect(repeatable.limit).toBe(2);
    expect(repeatable.statusCodes).toEqual([408, 425, 429, 500, 502, 503, 504]);
    expect(repeatable.afterStatusCodes).toEqual([408, 425, 429, 500, 502, 503, 504]);
    expect(repeatable.retryOnTimeout).toBe(false);
    expect(repeatable.maxRetryAfter).toBe(60_000);
    expect(repeatable.methods).not.toContain('post');
    expect(anyMethod.methods).toContain('post');
  });

  it('gives sync 8 attempts, 200 ms base, a 10 s cap, every 5xx and a 60 s Retry-After clamp', () => {
    expect(syncRetry).toMatchObject({
      limit: 7,
      delay: 200,
      backoffLimit: 10_000,
      maxRetryAfter: 60_000,
      clampRetryAfter: true,
      jitter: 'equal',
      retryOnTimeout: true,
    });
    expect(syncRetry.statusCodes).toEqual([408, 425, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)]);
    expect(Object.isFrozen(syncRetry) && Object.isFrozen(clientRetry)).toBe(true);
  });

  it('accepts a number as the limit and false as no retries, and refuses nonsense', () => {
    expect(toKyRetry(5).repeatable.limit).toBe(5);
    expect(toKyRetry(false).repeatable.limit).toBe(0);
    expect(toKyRetry({ ...syncRetry, limit: 3 }).repeatable).toMatchObject({
      limit: 3,
      backoffLimit: 10_000,
    });
    const limit = 'Invalid client option retry: must be a whole number from 0 to 100';
    expect(() => toKyRetry(-1)).toThrow(limit);
    expect(() => toKyRetry(1.5)).toThrow(limit);
    expect(() => toKyRetry({ jitter: 'half' as never })).toThrow(
      'Invalid client option retry.jitter: must be "full" or "equal"',
    );
  });

  it('doubles the delay per retry and caps it before the jitter', () => {
    const { repeatable } = toKyRetry({ delay: 100, backoffLimit: 350 });
    expect([1, 2, 3, 4].map((retry) => repeatable.delay?.(retry))).toEqual([100, 200, 350, 350]);
    expect(repeatable.jitter).toBe(true);
  });

  it("draws sync's delays from half to all of the capped delay", () => {
    const { repeatable } = toKyRetry(syncRetry);
    expect([1, 2, 7, 8].map((retry) => repeatable.delay?.(retry))).toEqual([200, 400, 10_000, 10_000]);
    const jitter = repeatable.jitter as (delay: number) => number;
    const drawn = Array.from({ length: 200 }, () => jitter(1_000));
    expect(drawn.every((delay) => delay >= 500 && delay <= 1_000)).toBe(true);
  });
});
