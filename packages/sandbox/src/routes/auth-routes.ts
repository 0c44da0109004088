import type { OperationHandlers } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { afterOf, limitOf, pageOf } from './page';

export const sandboxVersion = '0.1.0';

export function authRoutes(services: Services): OperationHandlers {
  const { departments, tokens, state } = services;
  return {
    getHealth: () => ({ status: 200, body: { status: 'ok', version: sandboxVersion } }),
    getReceiptKeys: () => ({
      status: 200,
      body: state.signer.jwks(),
      headers: { 'cache-control': 'public, max-age=300' },
    }),
    issueToken: ({ body, request }) => {
      const form = body as { grant_type?: unknown; client_id?: unknown; client_secret?: unknown };
      if (form.grant_type !== 'client_credentials') {
        throw new Problem('auth.unsupported_grant_type', 'Only grant_type=client_credentials is supported');
      }
      const issued = tokens.issue(String(form.client_id ?? ''), String(form.client_secret ?? ''));
      request.caller = {
        department: departments.get(issued.owner.departmentId)!,
        clientId: issued.owner.clientId,
      };
      return {
        status: 200,
        body: { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn },
        headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      };
    },
    getMe: ({ caller }) => ({ status: 200, body: caller.department }),
    listDepartments: ({ query }) => {
      const limit = limitOf(query);
      const after = afterOf('dep', query) ?? '';
      const rows = departments.list().filter((department) => department.id > after);
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
    getDepartment: ({ params }) => {
      const department = departments.get(params.departmentId!);
      if (!department)
        throw new Problem('department.not_found', `No department has the id ${params.departmentId}`);
      return { status: 200, body: department };
    },
  };
}
