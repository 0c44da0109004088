// Client credentials managed by the authority (issue 19): add, rotate with a grace period, revoke, list; token
// revocation (RFC 7009). Runs on SQLite and, in the `postgres` project, on PostgreSQL (see support/demo.ts).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import type { ClientSecretIssued } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import { credentialsOf, startDemo, testStorage } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('client credentials: the authority adds, rotates and revokes; tokens are revoked at once', () => {
  let sandbox: Demo;
  let dashuju: ExchangeClient;
  const secrets: string[] = [];

  beforeAll(async () => {
    sandbox = await startDemo({ tokenTtlSeconds: 600 });
    dashuju = clientFor(sandbox.url, 'dashuju');
  });
  afterAll(() => sandbox.close());

  async function added(department = 'minzheng'): Promise<ClientSecretIssued> {
    const answer = await dashuju.clients.add(department);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    secrets.push(answer.data.clientSecret);
    return answer.data;
  }
  const tokenStatus = async (clientId: string, clientSecret: string) => {
    const response = await fetch(`${sandbox.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    const body = (await response.json()) as { access_token?: string; code?: string };
    return response.status === 200
      ? { status: 200, token: body.access_token! }
      : { status: response.status, code: body.code };
  };
  const me = async (token: string) => {
    const response = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { id?: string; code?: string };
    return `${response.status} ${body.id ?? body.code}`;
  };
  /** GET /v1/me signed with `secret` as `clientId`, at the sandbox's time. */
  const signedMe = async (clientId: string, secret: string) => {
    const timestamp = String(sandbox.clock.ms);
    const nonce = randomBytes(12).toString('base64url');
    const stringToSign = [
      clientId,
      timestamp,
      nonce,
      'GET',
      '/v1/me',
      createHash('sha256').update('').digest('hex'),
    ];
    const signature = createHmac('sha256', secret).update(stringToSign.join('\n')).digest('base64');
    const response = await fetch(`${sandbox.url}/v1/me`, {
      headers: {
        'x-client-id': clientId,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': signature,
      },
    });
    const body = (await response.json()) as { id?: string; code?: string };
    return `${response.status} ${body.id ?? body.code}`;
  };

  it('adds a client for a department: its secret once, a token for it, listed without any secret', async () => {
    const { client, clientSecret } = await added();
    expect(client).toEqual({
      clientId: expect.stringMatching(/^minzheng-[0-9a-f]{10}$/),
      departmentId: 'minzheng',
      createdAt: new Date(sandbox.clock.ms).toISOString(),
      rotatedAt: null,
      revokedAt: null,
      previousSecretExpiresAt: null,
    });
    const issued = await tokenStatus(client.clientId, clientSecret);
    expect(await me(issued.token!)).toBe('200 minzheng');
    expect(await signedMe(client.clientId, clientSecret)).toBe('200 minzheng');

    const listed = await dashuju.clients.list('minzheng').toArray();
    expect(listed.map((c) => c.clientId)).toEqual(['minzheng-demo', client.clientId].sort());
    expect(JSON.stringify(listed)).not.toContain(clientSecret);
    await expectProblem(dashuju.clients.add('no-such-department'), 404, 'department.not_found');
    await expectProblem(dashuju.clients.rotate('no-such-client'), 404, 'client.not_found');
  });

  it('rotates: the old secret works for tokens and signatures during the grace, and is refused after it', async () => {
    const { client, clientSecret: old } = await added();
    const before = await tokenStatus(client.clientId, old);
    const rotated = await dashuju.clients.rotate(client.clientId, { graceSeconds: 3600 });
    secrets.push(rotated.data.clientSecret);
    const fresh = rotated.data.clientSecret;
    expect(fresh).not.toBe(old);
    expect(rotated.data.client).toMatchObject({
      rotatedAt: new Date(sandbox.clock.ms).toISOString(),
      previousSecretExpiresAt: new Date(sandbox.clock.ms + 3_600_000).toISOString(),
    });
    expect((await tokenStatus(client.clientId, old)).status).toBe(200);
    expect((await tokenStatus(client.clientId, fresh)).status).toBe(200);
    expect(await signedMe(client.clientId, old)).toBe('200 minzheng');
    expect(await signedMe(client.clientId, fresh)).toBe('200 minzheng');

    sandbox.clock.advance(3_600_001);
    expect(await tokenStatus(client.clientId, old)).toEqual({ status: 401, code: 'auth.invalid_client' });
    expect(await signedMe(client.clientId, old)).toBe('401 auth.invalid_signature');
    expect((await tokenStatus(client.clientId, fresh)).status).toBe(200);
    expect(await signedMe(client.clientId, fresh)).toBe('200 minzheng');
    // A token issued before the rotation is the client's, not the secret's: valid until it expires.
    sandbox.clock.advance(-3_600_001);
    expect(await me(before.token!)).toBe('200 minzheng');
  });

  it('the default grace is 24 hours; a grace of 0 ends the old secret at once; beyond 30 days is refused', async () => {
    const { client, clientSecret: first } = await added();
    const rotated = await dashuju.clients.rotate(client.clientId);
    secrets.push(rotated.data.clientSecret);
    expect(rotated.data.client.previousSecretExpiresAt).toBe(
      new Date(sandbox.clock.ms + 86_400_000).toISOString(),
    );
    expect((await tokenStatus(client.clientId, first)).status).toBe(200);
    const again = await dashuju.clients.rotate(client.clientId, { graceSeconds: 0 });
    secrets.push(again.data.clientSecret);
    expect((await tokenStatus(client.clientId, rotated.data.clientSecret)).status).toBe(401);
    expect((await tokenStatus(client.clientId, first)).status).toBe(401);
    await expectProblem(
      dashuju.clients.rotate(client.clientId, { graceSeconds: 2_592_001 }),
      400,
      'request.invalid',
    );
  });

  it('revokes: issued tokens answer 401 at once, no new token, no signature; final', async () => {
    const { client, clientSecret } = await added('vendor-demo');
    const issued = await tokenStatus(client.clientId, clientSecret);
    expect(await me(issued.token!)).toBe('200 vendor-demo');
    const revoked = await dashuju.clients.revoke(client.clientId);
    expect(revoked.data.revokedAt).toBe(new Date(sandbox.clock.ms).toISOString());
    expect(await me(issued.token!)).toBe('401 auth.invalid_token');
    expect(await tokenStatus(client.clientId, clientSecret)).toEqual({
      status: 401,
      code: 'auth.invalid_client',
    });
    expect(await signedMe(client.clientId, clientSecret)).toBe('401 auth.invalid_signature');
    await expectProblem(dashuju.clients.rotate(client.clientId), 409, 'client.revoked');
    sandbox.clock.advance(1000);
    expect((await dashuju.clients.revoke(client.clientId)).data).toEqual(revoked.data);
    // The seed's own client of the department is untouched.
    expect((await clientFor(sandbox.url, 'vendor-demo').departments.me()).data.id).toBe('vendor-demo');
  });

  it('only the authority manages clients: another role is refused 403 before anything happens', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    await expectProblem(gongan.clients.add('gongan'), 403, 'access.role_required');
    await expectProblem(gongan.clients.rotate('gongan-demo'), 403, 'access.role_required');
    await expectProblem(gongan.clients.revoke('gongan-demo'), 403, 'access.role_required');
    await expectProblem(gongan.clients.list('gongan').toArray(), 403, 'access.role_required');
    expect((await gongan.departments.me()).data.id).toBe('gongan');
  });

  it("RFC 7009: a client revokes its own token; unknown tokens and other clients' tokens answer 200, untouched", async () => {
    const { client, clientSecret } = await added('renshe');
    const other = await added('renshe');
    const mine = (await tokenStatus(client.clientId, clientSecret)).token!;
    const theirs = (await tokenStatus(other.client.clientId, other.clientSecret)).token!;
    const sdk = createExchangeClient({
      baseUrl: sandbox.url,
      auth: { type: 'clientCredentials', clientId: client.clientId, clientSecret },
      retry: false,
    });
    await sdk.revokeToken(theirs);
    await sdk.revokeToken('never-issued-token');
    expect(await me(theirs)).toBe('200 renshe');
    await sdk.revokeToken(mine);
    expect(await me(mine)).toBe('401 auth.invalid_token');
    await expectProblem(
      sdk.revokeToken(theirs, { clientId: client.clientId, clientSecret: 'wrong-secret-0000' }),
      401,
      'auth.invalid_client',
    );
    expect(await me(theirs)).toBe('200 renshe');
  });

  it('audits every change with the client id, never a secret', async () => {
    const events = await dashuju.audit.list({ department: 'dashuju' }).toArray();
    const actions = events.map((e) => e.action);
    for (const action of ['client.create', 'client.rotate', 'client.revoke', 'client.list'])
      expect(actions).toContain(action);
    const revokes = (await dashuju.audit.list({ action: 'auth.revoke' }).toArray()).map(
      (e) => `${e.status} ${e.clientId}`,
    );
    expect(revokes).toHaveLength(4);
    const all = JSON.stringify(await dashuju.audit.list().toArray());
    expect(secrets.length).toBeGreaterThan(6);
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});

describe('the seed only bootstraps clients', () => {
  it('a restart with the seed keeps a client the authority rotated or revoked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'unsilo-credentials-'));
    const given = await testStorage();
    // On SQLite a data file, so that the second start finds what the first left; on PostgreSQL the same database.
    const storage = given.memory ? { dataFile: join(dir, 'sandbox.db') } : given;
    const seeded = credentialsOf('vendor-demo');
    try {
      const first = await startSandbox(storage);
      const authority = clientFor(first.url, 'dashuju');
      const rotated = (await authority.clients.rotate(seeded.clientId, { graceSeconds: 0 })).data;
      await authority.clients.revoke('renshe-demo');
      await first.close();

      const second = await startSandbox(storage);
      try {
        const grant = async (clientId: string, clientSecret: string) =>
          (
            await fetch(`${second.url}/v1/oauth/token`, {
              method: 'POST',
              body: new URLSearchParams({
                grant_type: 'client_credentials',
                client_id: clientId,
                client_secret: clientSecret,
              }),
            })
          ).status;
        expect(await grant(seeded.clientId, seeded.clientSecret)).toBe(401);
        expect(await grant(seeded.clientId, rotated.clientSecret)).toBe(200);
        const renshe = credentialsOf('renshe');
        expect(await grant(renshe.clientId, renshe.clientSecret)).toBe(401);
        const gongan = credentialsOf('gongan');
        expect(await grant(gongan.clientId, gongan.clientSecret)).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
