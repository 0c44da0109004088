import { describe, expect, it } from 'vitest';
import { ComplianceChecker } from './checker';
import { retryAfterMs } from './client-history';
import { bearer, CODE, json, observed } from './test-fixtures';

const batchUrl = `/v1/catalog/resources/${CODE}/records/batch`;
const body = JSON.stringify({ delete: [{ gmsfhm: '110101199003077777' }] });
const batch = (key: string, at: number, token = 'token-a') =>
  observed('POST', batchUrl, { headers: { ...json, ...bearer(token), 'idempotency-key': key }, body, at });

describe('idempotency/key-not-reused', () => {
  const rulesAfter = (status: number | undefined, retryKey: string, retryBody = body) => {
    const checker = new ComplianceChecker();
    checker.observe(batch('key-1', 1_000)).settle({ ...(status ? { status } : {}), at: 1_100 });
    const retry = observed('POST', batchUrl, {
      headers: { ...json, ...bearer('token-a'), 'idempotency-key': retryKey },
      body: retryBody,
      at: 2_000,
    });
    checker.observe(retry).settle({ status: 200, at: 2_100 });
    return checker.findings().map((f) => f.rule);
  };

  it('fires when a 5xx, a 408 or no answer at all is retried with a new key', () => {
    expect(rulesAfter(503, 'key-2')).toEqual(['idempotency/key-not-reused']);
    expect(rulesAfter(408, 'key-2')).toEqual(['idempotency/key-not-reused']);
    expect(rulesAfter(undefined, 'key-2')).toEqual(['idempotency/key-not-reused']);
  });

  it('is silent on a retry with the same key, after a success, or with another body', () => {
    expect(rulesAfter(503, 'key-1')).toEqual([]);
    expect(rulesAfter(200, 'key-2')).toEqual([]);
    expect(rulesAfter(503, 'key-2', JSON.stringify({ delete: [{ gmsfhm: '110101199003078888' }] }))).toEqual(
      [],
    );
  });

  it('tells clients apart by token: another client with its own key is no retry', () => {
    const checker = new ComplianceChecker();
    checker.observe(batch('key-1', 1_000, 'token-a')).settle({ status: 503, at: 1_100 });
    checker.observe(batch('key-2', 2_000, 'token-b')).settle({ status: 200, at: 2_100 });
    expect(checker.findings()).toEqual([]);
  });
});

describe('retry-after/ignored', () => {
  const health = (at: number, token = 'token-a') =>
    observed('GET', '/v1/health', { headers: bearer(token), at });

  it('fires on a request before the Retry-After elapsed, silent after it and for other clients', () => {
    const checker = new ComplianceChecker();
    checker.observe(health(1_000)).settle({ status: 429, retryAfter: '2', at: 1_000 });
    checker.observe(health(5_000, 'token-b')).settle({ status: 200, at: 5_000 });
    checker.observe(health(3_500)).settle({ status: 200, at: 3_500 });
    expect(checker.findings()).toEqual([]);
    checker.observe(health(3_600)).settle({ status: 429, retryAfter: '10', at: 3_600 });
    checker.observe(health(4_000)).settle({ status: 429, retryAfter: '10', at: 4_000 });
    expect(checker.findings().map((f) => [f.rule, f.count])).toEqual([['retry-after/ignored', 1]]);
  });

  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('pagination/not-followed', () => {
  const list = (cursor?: string, token = 'token-a') =>
    observed('GET', `/v1/share-requests${cursor ? `?cursor=${cursor}` : ''}`, { headers: bearer(token) });

  it('fires on a nextCursor the client never asked for, judged when the report is taken', () => {
    const checker = new ComplianceChecker();
    checker.observe(list()).settle({ status: 200, nextCursor: 'c2', at: 1_000 });
    // Another client asking for the cursor does not count.
    checker.observe(list('c2', 'token-b')).settle({ status: 200, nextCursor: null, at: 1_100 });
    expect(checker.findings().map((f) => [f.rule, f.severity, f.operation])).toEqual([
      ['pagination/not-followed', 'warning', 'listShareRequests'],
    ]);
    checker.observe(list('c2')).settle({ status: 200, nextCursor: null, at: 1_200 });
    expect(checker.findings()).toEqual([]);
  });

  it('counts the change feed cursor `after` as following', () => {
    const checker = new ComplianceChecker();
    const feed = `/v1/catalog/resources/${CODE}/changes`;
    checker
      .observe(observed('GET', feed, { headers: bearer('t') }))
      .settle({ status: 200, nextCursor: 'c9', at: 1 });
    checker
      .observe(observed('GET', `${feed}?after=c9`, { headers: bearer('t') }))
      .settle({ status: 200, at: 2 });
    expect(checker.findings()).toEqual([]);
  });
});
