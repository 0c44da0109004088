// revokeToken against a real exchange (the sandbox) over HTTP: revoking the token the client itself cached must drop
// it, so that the next call fetches a new token instead of sending the revoked one (a 401, and a refusal in the
// exchange's audit log, before the retry with a fresh token).
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const gongan = { clientId: 'gongan-demo', clientSecret: 'gongan-demo-secret-2f9c1e7a' };

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ memory: true });
});
afterAll(async () => {
  await sandbox?.close();
});

/** A client of the demo 公安 department that records every request it sends: method, path and bearer token. */
function recordingClient() {
  const sent: string[] = [];
  const client = createExchangeClient({
    baseUrl: sandbox.url,
    auth: { type: 'clientCredentials', ...gongan },
    fetch: (input, init) => {
      const request = new Request(input, init);
      const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '-';
      sent.push(`${request.method} ${new URL(request.url).pathname} ${bearer}`);
      return globalThis.fetch(request);
    },
  });
  return { client, sent };
}

const tokenOf = (line: string | undefined) => line?.split(' ')[2] ?? '';

async function statusWith(token: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { id?: string; code?: string };
  return `${response.status} ${body.id ?? body.code}`;
}

async function issueToken(): Promise<string> {
  const response = await fetch(`${sandbox.url}/v1/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: gongan.clientId,
      client_secret: gongan.clientSecret,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('revokeToken', () => {
  it('drops the token the client cached when it revokes it: the next call fetches a new one', async () => {
    const { client, sent } = recordingClient();
    await client.departments.me();
    const cached = tokenOf(sent[1]);
    expect(sent).toEqual(['POST /v1/oauth/token -', `GET /v1/me ${cached}`]);

    await client.revokeToken(cached);
    expect(await statusWith(cached)).toBe('401 auth.invalid_token');
    const me = await client.departments.me();

    expect(me.data.id).toBe('gongan');
    const fresh = tokenOf(sent[4]);
    expect(fresh).not.toBe(cached);
    // No request carries the revoked token again.
    expect(sent.slice(2)).toEqual([
      'POST /v1/oauth/revoke -',
      'POST /v1/oauth/token -',
      `GET /v1/me ${fresh}`,
    ]);
  });

  it('keeps its cached token when it revokes another one', async () => {
    const { client, sent } = recordingClient();
    await client.departments.me();
    const cached = tokenOf(sent[1]);
    const other = await issueToken();

    await client.revokeToken(other);
    expect(await statusWith(other)).toBe('401 auth.invalid_token');
    await client.departments.me();

    expect(sent.slice(2)).toEqual(['POST /v1/oauth/revoke -', `GET /v1/me ${cached}`]);
  });
});
