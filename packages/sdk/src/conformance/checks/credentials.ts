import type { ClientSecretIssued } from '../../generated';
import { expectContractAnswer, expectEqual, expectProblemResponse, expectRefused } from '../assert';
import type { CheckContext, ConformanceCheck } from '../types';

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

/** A token grant as `clientId` with `clientSecret`: its token, or the status it was refused with. */
async function grant(context: CheckContext, clientId: string, clientSecret: string, what: string) {
  const response = await context.raw(
    'issueToken',
    '/v1/oauth/token',
    form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  );
  if (response.status !== 200) return { status: response.status, token: '' };
  const body = (await expectContractAnswer('issueToken', response, 200, what)) as { access_token: string };
  return { status: 200, token: body.access_token };
}

async function meStatus(context: CheckContext, token: string): Promise<number> {
  const response = await context.raw('getMe', '/v1/me', { headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
}

/**
 * Runs `work` with a client the authority adds to the vendor's department for it, and revokes that client
 * afterwards whatever happens: against a real exchange the checks touch no other credentials.
 */
async function withNewClient(
  context: CheckContext,
  work: (issued: ClientSecretIssued) => Promise<void>,
): Promise<void> {
  const authority = context.client('authority');
  const vendor = await context.fixtures.department('vendor');
  const added = await authority.clients.add(vendor.id);
  expectEqual(added.status, 201, 'createClient status');
  try {
    await work(added.data);
  } finally {
    await authority.clients.revoke(added.data.client.clientId);
  }
}

export const credentialsChecks: ConformanceCheck[] = [
  {
    id: 'credentials/add',
    title: {
      zh: '大数据局添加的客户端可获取令牌，列表中不含密钥',
      en: 'a client the authority adds gets tokens for its department, and is listed without its secret',
    },
    spec: 'createClient, listClients, issueToken',
    async run(context) {
      const vendor = await context.fixtures.department('vendor');
      await withNewClient(context, async ({ client, clientSecret }) => {
        expectEqual(client.departmentId, vendor.id, 'the new client’s department');
        const granted = await grant(context, client.clientId, clientSecret, 'token for the new client');
        expectEqual(granted.status, 200, 'token grant with the new secret');
        const me = await context.raw('getMe', '/v1/me', {
          headers: { authorization: `Bearer ${granted.token}` },
        });
        const body = (await expectContractAnswer('getMe', me, 200, 'getMe as the new client')) as {
          id: string;
        };
        expectEqual(body.id, vendor.id, 'the new client’s department');
        const listed = await context.client('authority').clients.list(vendor.id).toArray();
        if (!listed.some((c) => c.clientId === client.clientId))
          throw new Error(`listClients does not list ${client.clientId}`);
        if (JSON.stringify(listed).includes(clientSecret)) throw new Error('listClients shows a secret');
      });
    },
  },
  {
    id: 'credentials/rotate',
    title: {
      zh: '轮换后新旧密钥在宽限期内均有效，宽限期为 0 时旧密钥立即失效',
      en: 'after a rotation the old secret works during the grace period, and not at all with a grace of 0',
    },
    spec: 'rotateClientSecret, issueToken',
    async run(context) {
      const authority = context.client('authority');
      await withNewClient(context, async ({ client, clientSecret: first }) => {
        const second = (await authority.clients.rotate(client.clientId, { graceSeconds: 600 })).data
          .clientSecret;
        expectEqual(
          (await grant(context, client.clientId, first, 'old secret')).status,
          200,
          'old secret in grace',
        );
        expectEqual((await grant(context, client.clientId, second, 'new secret')).status, 200, 'new secret');
        const third = (await authority.clients.rotate(client.clientId, { graceSeconds: 0 })).data
          .clientSecret;
        expectEqual((await grant(context, client.clientId, second, 'old secret')).status, 401, 'grace of 0');
        expectEqual(
          (await grant(context, client.clientId, first, 'older secret')).status,
          401,
          'secret before',
        );
        expectEqual(
          (await grant(context, client.clientId, third, 'new secret')).status,
          200,
          'newest secret',
        );
      });
    },
  },
  {
    id: 'credentials/revoke-token',
    title: {
      zh: '客户端撤销自己的令牌后令牌立即失效（RFC 7009），未知令牌也答 200',
      en: 'a token its client revokes is refused at once (RFC 7009); an unknown token is answered 200 too',
    },
    spec: 'revokeToken',
    async run(context) {
      await withNewClient(context, async ({ client, clientSecret }) => {
        const { token } = await grant(context, client.clientId, clientSecret, 'token to revoke');
        expectEqual(await meStatus(context, token), 200, 'the token before its revocation');
        const credentials = { client_id: client.clientId, client_secret: clientSecret };
        const revoked = await context.raw('revokeToken', '/v1/oauth/revoke', form({ token, ...credentials }));
        expectEqual(revoked.status, 200, 'revokeToken status');
        expectEqual(await meStatus(context, token), 401, 'the revoked token');
        const unknown = await context.raw(
          'revokeToken',
          '/v1/oauth/revoke',
          form({ token: 'never-issued-by-this-exchange', ...credentials }),
        );
        expectEqual(unknown.status, 200, 'revoking an unknown token');
        const wrong = await context.raw(
          'revokeToken',
          '/v1/oauth/revoke',
          form({ token, client_id: client.clientId, client_secret: 'wrong-secret-0000000' }),
        );
        await expectProblemResponse(wrong, 401, 'revocation with a wrong secret');
      });
    },
  },
  {
    id: 'credentials/revoke-client',
    title: {
      zh: '吊销客户端后其令牌立即失效，不能再获取令牌或轮换',
      en: 'a revoked client’s token is refused at once; it gets no new token and cannot be rotated',
    },
    spec: 'revokeClient, rotateClientSecret, issueToken',
    async run(context) {
      const authority = context.client('authority');
      await withNewClient(context, async ({ client, clientSecret }) => {
        const { token } = await grant(context, client.clientId, clientSecret, 'token before revocation');
        const revoked = await authority.clients.revoke(client.clientId);
        if (!revoked.data.revokedAt) throw new Error('revokeClient answered a client without revokedAt');
        expectEqual(await meStatus(context, token), 401, 'the revoked client’s token');
        expectEqual(
          (await grant(context, client.clientId, clientSecret, 'grant')).status,
          401,
          'grant after',
        );
        expectEqual(
          await expectRefused(authority.clients.rotate(client.clientId), 409, 'rotating a revoked client'),
          'client.revoked',
          'problem code',
        );
      });
    },
  },
];
