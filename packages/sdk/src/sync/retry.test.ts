import { describe, expect, it } from 'vitest';
import { parseRetryAfter, withRetry } from './retry';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('retries retryable failures, honouring the server-named delay', async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('busy');
        return 'ok';
      },
      { classify: () => ({ retry: true, retryAfterMs: 5 }), onRetry: (_e, _a, d) => delays.push(d) },
    );
    expect(value).toBe('ok');
    expect(delays).toEqual([5, 5]);
  });

  it('gives up at once on a failure that is not retryable, and after the last attempt otherwise', async () => {
    let calls = 0;
    const fail = () =>
      withRetry(
        async () => {
          calls += 1;
          throw new Error('no');
        },
        {
          attempts: 3,
          baseDelayMs: 1,
          classify: (e) => ({ retry: (e as Error).message === 'no' && calls < 99 }),
        },
      );
    await expect(fail()).rejects.toThrow('no');
    expect(calls).toBe(3);
    calls = 100;
    await expect(fail()).rejects.toThrow('no');
    expect(calls).toBe(101);
  });
});
