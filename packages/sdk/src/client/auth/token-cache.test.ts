import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache';

function issuer(expiresIn = 3600) {
  let issued = 0;
  const issue = async () => {
    issued += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { accessToken: `token-${issued}`, expiresIn };
  };
  return { issue, count: () => issued };
}

describe('TokenCache', () => {
  it('issues one token for fifty concurrent callers', async () => {
    const { issue, count } = issuer();
    const cache = new TokenCache(issue);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(count()).toBe(1);
  });

  it('refreshes the skew before expiry, not after', async () => {
    let now = 0;
    const { issue, count } = issuer(3600);
    const cache = new TokenCache(issue, { refreshSkewMs: 30_000, now: () => now });
    expect(await cache.get()).toBe('token-1');
    now = 3_569_000;
    expect(await cache.get()).toBe('token-1');
    now = 3_570_000;
    expect(await cache.get()).toBe('token-2');
    expect(count()).toBe(2);
  });

  it('clamps the skew to half the lifetime of short tokens', async () => {
    let now = 0;
    const { issue } = issuer(10);
    const cache = new TokenCache(issue, { refreshSkewMs: 30_000, now: () => now });
    await cache.get();
    now = 4_999;
    expect(await cache.get()).toBe('token-1');
    now = 5_000;
    expect(await cache.get()).toBe('token-2');
  });

  it('drops only the refused token, so late refusals do not discard a fresh one', async () => {
    const { issue, count } = issuer();
    const cache = new TokenCache(issue);
    const stale = await cache.get();
    cache.invalidate(stale);
    const fresh = await cache.get();
    cache.invalidate(stale);
    expect(await cache.get()).toBe(fresh);
    expect(count()).toBe(2);
  });

  it('does not cache a failed refresh', async () => {
    let fail = true;
    const cache = new TokenCache(async () => {
      if (fail) throw new Error('token endpoint down');
      return { accessToken: 'ok', expiresIn: 60 };
    });
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    fail = false;
    expect(await cache.get()).toBe('ok');
  });
});
