import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../sandbox/support/client';
import { codePath, entryFor, hmacHeaders, startDemo, tokenFor } from '../sandbox/support/demo';
import { type Answer, expectTooMany, send } from './support/login';

type Demo = Awaited<ReturnType<typeof startDemo>>;

/** Low on purpose: 6 requests a minute, so one request's allowance comes back every 10 s. */
const requestsPerMinute = 6;

const expectRateLimited = (answer: Answer, retryAfterSeconds: number) =>
  expectTooMany(answer, retryAfterSeconds, 'request');

describe('the documented 429 is real: a per-client request rate limit (issue 12, finding 7)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ requestsPerMinute, selfApprove: true });
  });
  afterAll(() => sandbox.close());

  it('refuses a client beyond its rate with Retry-After, changes nothing, and leaves other clients alone', async () => {
    const gongan = { authorization: `Bearer ${await tokenFor(sandbox.url, 'gongan')}` };
    const minzheng = { authorization: `Bearer ${await tokenFor(sandbox.url, 'minzheng')}` };
    const statuses = [];
    for (let i = 0; i < requestsPerMinute; i++)
      statuses.push((await send(sandbox.url, 'GET', '/v1/me', { headers: gongan })).status);
    expect(statuses).toEqual(Array(requestsPerMinute).fill(200));

    const entry = entryFor('gongan', 71);
    const refused = await send(sandbox.url, 'POST', '/v1/catalog/resources', {
      headers: { ...gongan, 'content-type': 'application/json', 'x-request-id': 'rl-refused' },
      body: JSON.stringify(entry),
    });
    expectRateLimited(refused, 60 / requestsPerMinute);
    expect((await send(sandbox.url, 'GET', '/v1/me', { headers: minzheng })).status).toBe(200);

    // One allowance back after 10 s: the refused create left nothing behind.
    sandbox.clock.advance(10_000);
    const lookup = await send(sandbox.url, 'GET', `/v1/catalog/resources/${codePath(entry.code)}`, {
      headers: gongan,
    });
    expect([lookup.status, lookup.body.code]).toEqual([404, 'resource.not_found']);
    expectRateLimited(await send(sandbox.url, 'GET', '/v1/me', { headers: gongan }), 10);

    // The refusal is audited as the department's, with its reason.
    sandbox.clock.advance(60_000);
    const events = [];
    for await (const event of clientFor(sandbox.url, 'gongan').audit.list({ action: 'resource.create' })) {
      events.push(event);
    }
    const audited = events.find((e) => e.requestId === 'rl-refused');
    expect([audited?.department, audited?.status, audited?.reason]).toEqual(['gongan', 429, 'rate_limited']);
  });

  it('counts HMAC-signed requests per client too', async () => {
    const statuses = [];
    for (let i = 0; i <= requestsPerMinute; i++) {
      const signed = hmacHeaders('renshe', 'GET', '/v1/me', '', { timestamp: sandbox.clock.ms });
      statuses.push((await send(sandbox.url, 'GET', '/v1/me', { headers: signed })).status);
    }
    expect(statuses).toEqual([...Array(requestsPerMinute).fill(200), 429]);
  });

  it('limits the operations that need no credentials per address', async () => {
    const statuses = [];
    for (let i = 0; i <= requestsPerMinute; i++) {
      statuses.push((await send(sandbox.url, 'GET', '/v1/health', { from: '127.0.0.11' })).status);
    }
    expect(statuses).toEqual([...Array(requestsPerMinute).fill(200), 429]);
    expectRateLimited(
      await send(sandbox.url, 'GET', '/v1/.well-known/receipt-keys', { from: '127.0.0.11' }),
      10,
    );
    expect((await send(sandbox.url, 'GET', '/v1/health', { from: '127.0.0.12' })).status).toBe(200);
  });
});
