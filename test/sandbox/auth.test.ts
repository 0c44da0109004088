import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { credentialsOf, hmacHeaders, startDemo, tokenFor } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('authentication: client-credentials tokens and HMAC signing', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ tokenTtlSeconds: 600 });
  });
  afterAll(() => sandbox.close());

  const get = (path: string, headers: Record<string, string>) => fetch(`${sandbox.url}${path}`, { headers });
  const problemOf = async (response: Response) => ({
    status: response.status,
    code: ((await response.json()) as { code: string }).code,
  });

  it('issues tokens for the right secret only, and says who the caller is', async () => {
    const me = await clientFor(sandbox.url, 'gongan').departments.me();
    expect(me.data).toMatchObject({ id: 'gongan', code: credentialsOf('gongan').code });

    const token = await fetch(`${sandbox.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'gongan-demo',
        client_secret: 'wrong-secret-0000',
      }),
    });
    expect(await problemOf(token)).toEqual({ status: 401, code: 'auth.invalid_client' });
    const grant = await fetch(`${sandbox.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=gongan-demo&client_secret=x',
    });
    expect(await problemOf(grant)).toEqual({ status: 400, code: 'auth.unsupported_grant_type' });
  });

  it('refuses expired, forged and missing tokens', async () => {
    const token = await tokenFor(sandbox.url, 'gongan');
    expect((await get('/v1/me', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await problemOf(await get('/v1/me', { authorization: `Bearer ${token.slice(0, -2)}xx` }))).toEqual(
      {
        status: 401,
        code: 'auth.invalid_token',
      },
    );
    expect(await problemOf(await get('/v1/me', { authorization: 'Basic Z29uZ2FuOng=' }))).toEqual({
      status: 401,
      code: 'auth.invalid_token',
    });
    const missing = await get('/v1/me', {});
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(await problemOf(missing)).toEqual({ status: 401, code: 'auth.missing_credentials' });

    sandbox.clock.advance(601_000);
    expect(await problemOf(await get('/v1/me', { authorization: `Bearer ${token}` }))).toEqual({
      status: 401,
      code: 'auth.invalid_token',
    });
    sandbox.clock.advance(-601_000);
  });

  it('accepts HMAC-signed requests from the SDK client', async () => {
    const hmac = clientFor(sandbox.url, 'minzheng', 'hmac');
    expect((await hmac.departments.me()).data.id).toBe('minzheng');
    const pages = [];
    for await (const department of hmac.departments.list({ limit: 2 })) pages.push(department.id);
    expect(pages).toHaveLength(6);
  });

  it('refuses a replayed nonce, a stale or future timestamp, a wrong signature, a signature for another request', async () => {
    const now = sandbox.clock.ms;
    const signed = hmacHeaders('minzheng', 'GET', '/v1/me', '', { timestamp: now });
    expect((await get('/v1/me', signed)).status).toBe(200);
    expect(await problemOf(await get('/v1/me', signed))).toEqual({ status: 401, code: 'auth.nonce_reused' });

    const old = hmacHeaders('minzheng', 'GET', '/v1/me', '', { timestamp: now - 5 * 60_000 - 1 });
    expect(await problemOf(await get('/v1/me', old))).toEqual({
      status: 401,
      code: 'auth.timestamp_out_of_window',
    });
    const future = hmacHeaders('minzheng', 'GET', '/v1/me', '', { timestamp: now + 5 * 60_000 + 1 });
    expect(await problemOf(await get('/v1/me', future))).toEqual({
      status: 401,
      code: 'auth.timestamp_out_of_window',
    });
    const edge = hmacHeaders('minzheng', 'GET', '/v1/me', '', { timestamp: now - 5 * 60_000 + 1000 });
    expect((await get('/v1/me', edge)).status).toBe(200);

    const forged = hmacHeaders('minzheng', 'GET', '/v1/me', '', {
      timestamp: now,
      secret: 'not-the-secret-0000',
    });
    expect(await problemOf(await get('/v1/me', forged))).toEqual({
      status: 401,
      code: 'auth.invalid_signature',
    });
    // A forged request does not burn the nonce it carries.
    const sameNonce = hmacHeaders('minzheng', 'GET', '/v1/me', '', {
      timestamp: now,
      nonce: forged['x-nonce'],
    });
    expect((await get('/v1/me', sameNonce)).status).toBe(200);

    // Signed for /v1/me, replayed on another endpoint or with another query: refused.
    const forMe = hmacHeaders('minzheng', 'GET', '/v1/me', '', { timestamp: now });
    expect(await problemOf(await get('/v1/departments', forMe))).toEqual({
      status: 401,
      code: 'auth.invalid_signature',
    });
    const forPage = hmacHeaders('minzheng', 'GET', '/v1/departments?limit=1', '', { timestamp: now });
    expect(await problemOf(await get('/v1/departments?limit=2', forPage))).toEqual({
      status: 401,
      code: 'auth.invalid_signature',
    });

    // The body is signed too.
    const body = JSON.stringify({ resource: '307001030801/000001', purpose: '核验' });
    const signedBody = hmacHeaders('minzheng', 'POST', '/v1/share-requests', body, { timestamp: now });
    const tampered = await fetch(`${sandbox.url}/v1/share-requests`, {
      method: 'POST',
      headers: { ...signedBody, 'content-type': 'application/json' },
      body: body.replace('核验', '其他'),
    });
    expect(await problemOf(tampered)).toEqual({ status: 401, code: 'auth.invalid_signature' });
    expect(await problemOf(await get('/v1/me', { ...forMe, 'x-client-id': 'nobody' }))).toEqual({
      status: 401,
      code: 'auth.invalid_signature',
    });
  });

  it('never echoes a secret or a token in a problem', async () => {
    const secret = credentialsOf('gongan').clientSecret;
    const response = await fetch(`${sandbox.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=gongan-demo&client_secret=${secret}x`,
    });
    const text = await response.text();
    expect(text).not.toContain(secret);
    const token = await tokenFor(sandbox.url, 'gongan');
    const refused = await (await get('/v1/me', { authorization: `Bearer ${token}zz` })).text();
    expect(refused).not.toContain(token);
  });

  it('marks the unauthenticated endpoints as such: health and receipt keys answer without credentials', async () => {
    expect((await get('/v1/health', {})).status).toBe(200);
    const keys = await clientFor(sandbox.url, 'gongan').receiptKeys();
    expect(keys.data.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig' });
  });
});
