import { zTokenRequest, zTokenRevocationRequest } from '@unsilo/sdk/schemas';
import type { OperationHandlers } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { createClientLogin } from './client-login';
import { afterOf, limitOf, pageOf } from './page';

export const sandboxVersion = '0.1.0';

export function authRoutes(services: Services): OperationHandlers {
  const { departments, tokens, state } = services;
  const throttled = createClientLogin(services);
  return {
    getHealth: () => ({ status: 200, body: { status: 'ok', version: sandboxVersion } }),
    getReceiptKeys: async () => ({
      status: 200,
      body: await state.signer.jwks(),
      headers: { 'cache-control': 'public, max-age=300' },
    }),
    issueToken: async (input) => {
      const { body } = input;
      if ((body as { grant_type?: unknown } | undefined)?.grant_type !== 'client_credentials') {
        throw new Problem('auth.unsupported_grant_type', 'Only grant_type=client_credentials is supported', {
          zh: '仅支持 grant_type=client_credentials',
        });
      }
      const form = zTokenRequest.safeParse(body);
      if (!form.success) {
        throw new Problem('request.invalid', 'client_id and client_secret are required', {
          zh: '缺少 client_id 或 client_secret',
          errors: form.error.issues.map((issue) => ({
            field: issue.path.join('.'),
            rule: issue.code,
            message: issue.message,
            zh: '缺少或不符合要求',
          })),
        });
      }
      const issued = await throttled(input, form.data.client_id, () =>
        tokens.issue(form.data.client_id, form.data.client_secret),
      );
      return {
        status: 200,
        body: { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn },
        headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      };
    },
    revokeToken: async (input) => {
      const form = zTokenRevocationRequest.safeParse(input.body);
      if (!form.success) {
        throw new Problem('request.invalid', 'token, client_id and client_secret are required', {
          zh: '缺少 token、client_id 或 client_secret',
        });
      }
      const { token, client_id: clientId, client_secret: secret } = form.data;
      await throttled(input, clientId, async () => {
        const authenticated = await tokens.authenticateClient(clientId, secret);
        if ('failure' in authenticated) return authenticated;
        await tokens.revoke(token, authenticated.owner);
        return authenticated;
      });
      return { status: 200, headers: { 'cache-control': 'no-store' } };
    },
    getMe: ({ caller }) => ({ status: 200, body: caller.department }),
    listDepartments: async ({ query }) => {
      const limit = limitOf(query);
      const after = afterOf('dep', query) ?? '';
      const rows = (await departments.list()).filter((department) => department.id > after);
      return {
        status: 200,
        body: pageOf(
          rows.slice(0, limit + 1),
          limit,
          'dep',
          (d) => d.id,
          (d) => d,
        ),
      };
    },
    getDepartment: async ({ params }) => {
      const department = await departments.get(params.departmentId!);
      if (!department)
        throw new Problem('department.not_found', `No department has the id ${params.departmentId}`);
      return { status: 200, body: department };
    },
  };
}
