// Issue 19's credential story, through the CLI only, against a real sandbox: the authority (大数据局) rotates the
// vendor's secret, the vendor switches to it, the authority revokes the vendor, and the vendor's token stops working.
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient } from '@unsilo/sdk';
import type { Client, ClientSecretIssued } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const vendorSecret = 'vendor-demo-secret-9d5b3e7c';
const env = (url: string, clientId: string, clientSecret: string): NodeJS.ProcessEnv => ({
  UNSILO_EXCHANGE_URL: url,
  UNSILO_CLIENT_ID: clientId,
  UNSILO_CLIENT_SECRET: clientSecret,
});

describe('client credentials, end to end through the CLI', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const asAuthority = (args: string[]) =>
    runCli(['clients', ...args, '--lang', 'en'], {
      env: env(sandbox.url, 'dashuju-demo', 'dashuju-demo-secret-4a8e2b6d'),
    });
  const asVendor = (secret: string, clientId = 'vendor-demo') =>
    runCli(['access', 'list', '--mine', '--format', 'json', '--lang', 'en'], {
      env: env(sandbox.url, clientId, secret),
    });
  const tokenOf = async (clientId: string, clientSecret: string) => {
    const response = await fetch(`${sandbox.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const me = async (token: string) => {
    const response = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { id?: string; code?: string };
    return `${response.status} ${body.id ?? body.code}`;
  };

  it('rotates the vendor’s secret, revokes the vendor, and the vendor’s token stops working', async () => {
    const token = await tokenOf('vendor-demo', vendorSecret);
    expect(await me(token)).toBe('200 vendor-demo');

    const rotated = await asAuthority(['rotate', 'vendor-demo', '--grace', '3600', '--format', 'json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const issued = JSON.parse(rotated.stdout) as ClientSecretIssued;
    expect(issued.client).toMatchObject({
      clientId: 'vendor-demo',
      departmentId: 'vendor-demo',
      revokedAt: null,
    });
    expect(issued.clientSecret).not.toBe(vendorSecret);
    expect(rotated.stderr).toContain('Store this secret now');

    // During the grace both secrets work; the vendor switches to the new one.
    expect((await asVendor(issued.clientSecret)).code).toBe(0);
    expect((await asVendor(vendorSecret)).code).toBe(0);
    expect(await me(token)).toBe('200 vendor-demo');

    const listed = await asAuthority(['list', 'vendor-demo', '--format', 'json']);
    expect(listed.code, listed.stderr).toBe(0);
    const clients = JSON.parse(listed.stdout) as Client[];
    expect(clients.map((c) => [c.clientId, c.rotatedAt !== null, c.revokedAt])).toEqual([
      ['vendor-demo', true, null],
    ]);
    expect(listed.stdout).not.toContain(issued.clientSecret);

    const revoked = await asAuthority(['revoke', 'vendor-demo']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked vendor-demo at \d{4}-\d\d-\d\dT/);

    expect(await me(token)).toBe('401 auth.invalid_token');
    // Credentials the exchange refuses are a setting to fix: exit 2, as for any 401.
    const refused = await asVendor(issued.clientSecret);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('auth.invalid_client');
    const again = await asAuthority(['rotate', 'vendor-demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('client.revoked');

    // Nothing the exchange records, nor anything the CLI wrote besides the one answer, holds a secret.
    for (const run of [rotated, listed, revoked, refused, again])
      expect(run.stderr).not.toContain(issued.clientSecret);
    const authority = createExchangeClient({
      baseUrl: sandbox.url,
      auth: {
        type: 'clientCredentials',
        clientId: 'dashuju-demo',
        clientSecret: 'dashuju-demo-secret-4a8e2b6d',
      },
    });
    const audit = JSON.stringify(await authority.audit.list().toArray());
    expect(audit).toContain('client.rotate');
    expect(audit).toContain('client.revoke');
    expect(audit).not.toContain(issued.clientSecret);
  });

  it('adds a client and prints its secret once with the warning; other roles are refused; --grace is checked', async () => {
    const added = await asAuthority(['add', 'vendor-demo']);
    expect(added.code, added.stderr).toBe(0);
    const [, secret] = /client_secret=(\S+)/.exec(added.stdout) ?? [];
    const [, clientId] = /client_id=(\S+)/.exec(added.stdout) ?? [];
    expect(added.stdout).toContain('Store this secret now');
    expect((await asVendor(secret!, clientId)).code).toBe(0);
    const zh = await runCli(['clients', 'add', 'vendor-demo', '--lang', 'zh'], {
      env: env(sandbox.url, 'dashuju-demo', 'dashuju-demo-secret-4a8e2b6d'),
    });
    expect(zh.stdout).toContain('请立即妥善保存此密钥');

    const gongan = await runCli(['clients', 'add', 'gongan', '--lang', 'en'], {
      env: env(sandbox.url, 'gongan-demo', 'gongan-demo-secret-2f9c1e7a'),
    });
    expect(gongan.code).toBe(1);
    expect(gongan.stderr).toContain('access.role_required');
    const grace = await asAuthority(['rotate', clientId!, '--grace', '2592001']);
    expect(grace.code).toBe(2);
    expect(grace.stderr).toContain('--grace');
  });
});
