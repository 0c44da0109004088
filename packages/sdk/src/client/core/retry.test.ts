import { describe, expect, it } from 'vitest';
import { parseRetryAfter, toKyRetry } from './retry';

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

describe('toKyRetry', () => {
  it('retries the transient statuses with exponential delays and full jitter', () => {
    const retry = toKyRetry(undefined);
    expect(retry.limit).toBe(2);
    expect(retry.statusCodes).toEqual([408, 425, 429, 500, 502, 503, 504]);
    expect(retry.jitter).toBe(true);
    expect([1, 2, 3].map((attempt) => retry.delay?.(attempt))).toEqual([300, 600, 1200]);
  });

  it('accepts a number as the limit and false as no retries', () => {
    expect(toKyRetry(5).limit).toBe(5);
    expect(toKyRetry(false).limit).toBe(0);
  });
});
