import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentialsOf, startDemo } from '../sandbox/support/demo';
import { loginFrom, send } from './support/login';

/**
 * node:crypto with its two scrypt entry points counted, and the asynchronous one able to hold its work until
 * the test lets it go: a login whose scrypt is held is a guess "in flight", deterministically, without timing.
 */
const scrypt = vi.hoisted(() => ({ sync: 0, async: 0, hold: false, held: [] as Array<() => void> }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const scryptSync: typeof actual.scryptSync = (...args: Parameters<typeof actual.scryptSync>) => {
    scrypt.sync++;
    return actual.scryptSync(...args);
  };
  const scryptAsync = ((...args: Parameters<typeof actual.scrypt>) => {
    scrypt.async++;
    const run = () => (actual.scrypt as (...a: unknown[]) => void)(...args);
    if (scrypt.hold) scrypt.held.push(run);
    else run();
  }) as typeof actual.scrypt;
  const mocked = { ...actual, scryptSync, scrypt: scryptAsync };
  return { ...mocked, default: mocked };
});

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('secrets are verified off the event loop, at the same cost for unknown client ids (issue 12, finding 7)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    scrypt.sync = 0;
    scrypt.async = 0;
  });

  it('verifies a secret with the asynchronous scrypt (libuv pool), never scryptSync', async () => {
    const { clientId, clientSecret } = credentialsOf('gongan');
    expect((await loginFrom(sandbox.url, { clientId, clientSecret: `${clientSecret}x` })).status).toBe(401);
    expect((await loginFrom(sandbox.url, { clientId, clientSecret })).status).toBe(200);
    expect({ sync: scrypt.sync, async: scrypt.async }).toEqual({ sync: 0, async: 2 });
  });

  it('runs scrypt once for an unknown client id too, as for a known one', async () => {
    expect(
      (await loginFrom(sandbox.url, { clientId: 'nobody-demo', clientSecret: 'guess-0000' })).status,
    ).toBe(401);
    expect({ sync: scrypt.sync, async: scrypt.async }).toEqual({ sync: 0, async: 1 });
  });

  it('answers health while a guess is being verified', async () => {
    scrypt.hold = true;
    let settled = false;
    const guess = loginFrom(sandbox.url, {
      clientId: credentialsOf('minzheng').clientId,
      clientSecret: 'guess-0000',
    }).finally(() => {
      settled = true;
    });
    // A generous deadline only to report a hang: on a blocking scrypt the guess is never held.
    const deadline = Date.now() + 10_000;
    while (scrypt.held.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(scrypt.held.length).toBe(1);

    const health = await send(sandbox.url, 'GET', '/v1/health');
    expect({ status: health.status, body: health.body.status, guessSettled: settled }).toEqual({
      status: 200,
      body: 'ok',
      guessSettled: false,
    });

    scrypt.hold = false;
    for (const run of scrypt.held.splice(0)) run();
    expect((await guess).status).toBe(401);
  });
});
