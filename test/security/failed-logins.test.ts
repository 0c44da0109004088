import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../sandbox/support/client';
import { credentialsOf, hmacHeaders, startDemo } from '../sandbox/support/demo';
import { loginFrom, send } from './support/login';

type Demo = Awaited<ReturnType<typeof startDemo>>;
type DemoDepartment = Parameters<typeof clientFor>[1];

/** Every audit event a department may see, newest first. */
async function auditSeenBy(sandbox: Demo, department: DemoDepartment) {
  const events = [];
  for await (const event of clientFor(sandbox.url, department).audit.list({ limit: 1000 }))
    events.push(event);
  return events;
}

describe('failed logins and failed authentications reach the audit log (issue 12, finding 6)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo();
  });
  afterAll(() => sandbox.close());

  it('records the client id as sent, the reason and the source address of failed logins, for the authority only', async () => {
    const { clientId, clientSecret } = credentialsOf('gongan');
    const wrong = await loginFrom(sandbox.url, {
      clientId,
      clientSecret: `${clientSecret}x`,
      requestId: 'fl-wrong',
    });
    const unknown = await loginFrom(sandbox.url, {
      from: '127.0.0.9',
      clientId: 'nobody-demo',
      clientSecret: 'anything-0000',
      requestId: 'fl-unknown',
    });
    const right = await loginFrom(sandbox.url, { clientId, clientSecret, requestId: 'fl-right' });
    expect([wrong.status, unknown.status, right.status]).toEqual([401, 401, 200]);

    const events = await auditSeenBy(sandbox, 'dashuju');
    const byRequest = (id: string) => {
      const { id: _, at: __, ...event } = events.find((e) => e.requestId === id) ?? { id: '', at: '' };
      return event;
    };
    expect(byRequest('fl-wrong')).toEqual({
      action: 'auth.token',
      status: 401,
      requestId: 'fl-wrong',
      clientId: 'gongan-demo',
      reason: 'wrong_secret',
      sourceAddress: '127.0.0.1',
    });
    expect(byRequest('fl-unknown')).toEqual({
      action: 'auth.token',
      status: 401,
      requestId: 'fl-unknown',
      clientId: 'nobody-demo',
      reason: 'unknown_client',
      sourceAddress: '127.0.0.9',
    });
    expect(byRequest('fl-right')).toEqual({
      department: 'gongan',
      action: 'auth.token',
      status: 200,
      requestId: 'fl-right',
      clientId: 'gongan-demo',
      sourceAddress: '127.0.0.1',
    });

    // The department whose client id was guessed is not the authority: it still sees only its own events.
    const gonganSees = (await auditSeenBy(sandbox, 'gongan')).map((e) => e.requestId);
    expect(gonganSees.filter((id) => id.startsWith('fl-'))).toEqual(['fl-right']);
  });

  it('stores an attacker-chosen client id sanitised and bounded', async () => {
    const answer = await loginFrom(sandbox.url, {
      clientId: 'evil\n\u001b[31m\u202eid x',
      clientSecret: 'anything-0000',
      requestId: 'fl-evil',
    });
    expect(answer.status).toBe(401);
    const signed = hmacHeaders('minzheng', 'GET', '/v1/me', '', { timestamp: sandbox.clock.ms });
    const long = await send(sandbox.url, 'GET', '/v1/me', {
      headers: { ...signed, 'x-client-id': 'x'.repeat(300), 'x-request-id': 'fl-long' },
    });
    expect(long.status).toBe(401);

    const events = await auditSeenBy(sandbox, 'dashuju');
    expect(events.find((e) => e.requestId === 'fl-evil')?.clientId).toBe('evil??[31m?id?x');
    expect(events.find((e) => e.requestId === 'fl-long')?.clientId).toBe('x'.repeat(128));
  });

  it('records failed bearer and HMAC authentications on other operations with their reason and address', async () => {
    const forged = await send(sandbox.url, 'GET', '/v1/me', {
      from: '127.0.0.10',
      headers: { authorization: 'Bearer forged-token-0000', 'x-request-id': 'fl-forged' },
    });
    const missing = await send(sandbox.url, 'GET', '/v1/departments', {
      headers: { 'x-request-id': 'fl-missing' },
    });
    const badSignature = await send(sandbox.url, 'GET', '/v1/me', {
      headers: {
        ...hmacHeaders('minzheng', 'GET', '/v1/me', '', {
          timestamp: sandbox.clock.ms,
          secret: 'not-the-secret-0000',
        }),
        'x-request-id': 'fl-hmac',
      },
    });
    expect([forged.status, missing.status, badSignature.status]).toEqual([401, 401, 401]);

    const events = await auditSeenBy(sandbox, 'dashuju');
    const seen = ['fl-forged', 'fl-missing', 'fl-hmac'].map((id) => {
      const event = events.find((e) => e.requestId === id);
      return [event?.action, event?.status, event?.reason, event?.clientId, event?.sourceAddress];
    });
    expect(seen).toEqual([
      ['department.me', 401, 'invalid_token', undefined, '127.0.0.10'],
      ['department.list', 401, 'missing_credentials', undefined, '127.0.0.1'],
      ['department.me', 401, 'invalid_signature', 'minzheng-demo', '127.0.0.1'],
    ]);
  });
});

describe('the audit events of requests that authenticated nobody are bounded', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ maxAnonymousAuditEvents: 5 });
  });
  afterAll(() => sandbox.close());

  it('keeps the newest ones up to the cap and never drops an event of a department', async () => {
    for (let i = 0; i < 8; i++) {
      const answer = await loginFrom(sandbox.url, {
        clientId: `flood-${i}`,
        clientSecret: 'anything-0000',
        requestId: `flood-${i}`,
      });
      expect(answer.status).toBe(401);
    }
    const events = await auditSeenBy(sandbox, 'dashuju');
    expect(events.filter((e) => e.department === undefined).map((e) => e.requestId)).toEqual([
      'flood-7',
      'flood-6',
      'flood-5',
      'flood-4',
      'flood-3',
    ]);
    // The authority's own login (made by the SDK client) is an event of a department: kept.
    expect(events.filter((e) => e.department === 'dashuju').map((e) => e.action)).toContain('auth.token');
  });
});
