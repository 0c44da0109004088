import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../sandbox/support/client';
import { credentialsOf, startDemo } from '../sandbox/support/demo';
import { type Answer, countByStatus, expectTooMany, loginFrom } from './support/login';

type Demo = Awaited<ReturnType<typeof startDemo>>;

/** The documented defaults: 10 failed logins per client id, 50 per address, in 5 minutes. */
const perClient = 10;
const perAddress = 50;
const windowMs = 5 * 60_000;

const expectRateLimited = (answer: Answer, retryAfterSeconds: number) =>
  expectTooMany(answer, retryAfterSeconds, 'login');

describe('password guessing at the token endpoint is throttled (issue 12, finding 7)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo();
  });
  afterAll(() => sandbox.close());

  it('answers 16 parallel wrong guesses with exactly 10 checks, then 429 rate.limited with Retry-After', async () => {
    const { clientId, clientSecret } = credentialsOf('renshe');
    const guesses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        loginFrom(sandbox.url, { from: '127.0.0.2', clientId, clientSecret: `guess-${i}-0000` }),
      ),
    );
    expect(countByStatus(guesses)).toEqual({ 401: perClient, 429: 16 - perClient });
    for (const answer of guesses.filter((a) => a.status === 429)) expectRateLimited(answer, 300);

    // Even the right secret waits: the throttle does not check secrets, so it cannot tell a guess from the owner.
    expectRateLimited(await loginFrom(sandbox.url, { from: '127.0.0.2', clientId, clientSecret }), 300);
    sandbox.clock.advance(windowMs - 60_000);
    expectRateLimited(await loginFrom(sandbox.url, { from: '127.0.0.2', clientId, clientSecret }), 60);
    sandbox.clock.advance(60_000);
    expect((await loginFrom(sandbox.url, { from: '127.0.0.2', clientId, clientSecret })).status).toBe(200);
  });

  it('throttles an unknown client id exactly like a real one, so the answers do not tell which ids exist', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        loginFrom(sandbox.url, {
          from: '127.0.0.3',
          clientId: 'nobody-demo',
          clientSecret: `guess-${i}-0000`,
        }),
      ),
    );
    expect(countByStatus(guesses)).toEqual({ 401: perClient, 429: 16 - perClient });
    expect(guesses.filter((a) => a.status === 401).map((a) => a.body.code)).toEqual(
      Array(perClient).fill('auth.invalid_client'),
    );
  });

  it('throttles an address after 50 failures across client ids, and only that address', async () => {
    for (let id = 0; id < perAddress / perClient; id++) {
      const guesses = await Promise.all(
        Array.from({ length: perClient }, (_, i) =>
          loginFrom(sandbox.url, {
            from: '127.0.0.4',
            clientId: `sprayed-${id}`,
            clientSecret: `guess-${i}-0000`,
          }),
        ),
      );
      expect(countByStatus(guesses)).toEqual({ 401: perClient });
    }
    const { clientId, clientSecret } = credentialsOf('minzheng');
    expectRateLimited(await loginFrom(sandbox.url, { from: '127.0.0.4', clientId, clientSecret }), 300);
    expect((await loginFrom(sandbox.url, { from: '127.0.0.5', clientId, clientSecret })).status).toBe(200);
  });

  it('does not lock the owner out: an address that logged in as this client before keeps its own count', async () => {
    const { clientId, clientSecret } = credentialsOf('shichang');
    expect((await loginFrom(sandbox.url, { from: '127.0.0.6', clientId, clientSecret })).status).toBe(200);

    const attack = await Promise.all(
      Array.from({ length: perClient + 2 }, (_, i) =>
        loginFrom(sandbox.url, { from: '127.0.0.7', clientId, clientSecret: `guess-${i}-0000` }),
      ),
    );
    expect(countByStatus(attack)).toEqual({ 401: perClient, 429: 2 });

    // The owner's host still gets in; a host this client never logged in from waits for the window (documented).
    expect((await loginFrom(sandbox.url, { from: '127.0.0.6', clientId, clientSecret })).status).toBe(200);
    expectRateLimited(await loginFrom(sandbox.url, { from: '127.0.0.8', clientId, clientSecret }), 300);
  });

  it('records throttled logins in the audit log with the reason "throttled"', async () => {
    const answer = await loginFrom(sandbox.url, {
      from: '127.0.0.7',
      clientId: credentialsOf('shichang').clientId,
      clientSecret: 'one-more-guess-0000',
      requestId: 'tt-throttled',
    });
    expect(answer.status).toBe(429);
    const events = [];
    for await (const event of clientFor(sandbox.url, 'dashuju').audit.list({ action: 'auth.token' })) {
      events.push(event);
    }
    const throttled = events.find((e) => e.requestId === 'tt-throttled');
    expect([throttled?.status, throttled?.reason, throttled?.clientId, throttled?.sourceAddress]).toEqual([
      429,
      'throttled',
      'shichang-demo',
      '127.0.0.7',
    ]);
  });
});
