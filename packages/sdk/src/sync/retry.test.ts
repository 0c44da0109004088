import { describe, expect, it } from 'vitest';
import { ExchangeHttpError } from '../client/errors/ExchangeHttpError';
import { classifyPushError } from './push';
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

describe('classifyPushError', () => {
  const context = { operationId: 'batchRecords', method: 'POST', url: 'http://x/v1', requestId: 'r' };
  it('retries what may pass later, after the pause the exchange asked for', () => {
    const busy = new ExchangeHttpError(429, { status: 429, title: 'Busy' } as never, context, 3000);
    expect(classifyPushError(busy)).toEqual({ retry: true, retryAfterMs: 3000 });
    expect(classifyPushError(new ExchangeHttpError(503, { status: 503 } as never, context))).toEqual({
      retry: true,
      retryAfterMs: undefined,
    });
  });

  it('does not retry a refusal that will not change', () => {
    expect(classifyPushError(new ExchangeHttpError(422, { status: 422 } as never, context))).toEqual({
      retry: false,
    });
    expect(classifyPushError(new Error('bug'))).toEqual({ retry: false });
  });
});
