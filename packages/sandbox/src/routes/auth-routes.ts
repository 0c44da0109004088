import { setTimeout as delay } from 'node:timers/promises';
import { zTokenRequest } from '@unsilo/sdk/schemas';
import type { OperationHandlers } from '../http/operation';
import { rateLimited } from '../http/rate-limit';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { afterOf, limitOf, pageOf } from './page';

export const sandboxVersion = '0.1.0';

export function authRoutes(services: Services): OperationHandlers {
  const { departments, tokens, state } = services;
  return {
    getHealth: () => ({ status: 200, body: { status: 'ok', version: sandboxVersion } }),
    getReceiptKeys: async () => ({
      status: 200,
      body: await state.signer.jwks(),
      headers: { 'cache-control': 'public, max-age=300' },
    }),
    issueToken: async ({ body, request }) => {
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
      const clientId = form.data.client_id;
      request.authFacts = { clientId };
      const attempt = await state.loginThrottle.begin(clientId, request.ip);
      if (attempt.refused) {
        request.authFacts.reason = 'throttled';
        await delay(state.loginThrottle.refusalDelayMs);
        throw tooManyFailedLogins(attempt.retryAfterSeconds);
      }
      const issued = await tokens.issue(clientId, form.data.client_secret);
      if ('failure' in issued) {
        request.authFacts.reason = issued.failure;
        throw new Problem('auth.invalid_client', 'Unknown client_id or wrong client_secret');
      }
      await attempt.succeeded();
      request.caller = {
        department: (await departments.get(issued.owner.departmentId))!,
        clientId: issued.owner.clientId,
      };
      return {
        status: 200,
        body: { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn },
        headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      };
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

function tooManyFailedLogins(seconds: number): Problem {
  return rateLimited(
    seconds,
    `Too many failed logins for this client_id or from this address; retry after ${seconds} seconds`,
    `登录失败次数过多，请 ${seconds} 秒后重试`,
  );
}
