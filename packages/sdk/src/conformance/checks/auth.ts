import type { DepartmentRole } from '../../generated';
import { expectContractAnswer, expectEqual, expectProblemResponse } from '../assert';
import { type CheckContext, CheckSkipped, type ConformanceCheck, type ConformanceRole } from '../types';

/** The roles each set of credentials must hold for the other checks to mean anything. */
const requiredRoles: Record<ConformanceRole, DepartmentRole[]> = {
  providerA: ['provider'],
  providerB: ['provider', 'consumer'],
  vendor: ['vendor'],
  authority: ['authority'],
};

const tokenRequest = (clientId: string, clientSecret: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  }),
});

/** Tokens that live longer than this are not waited for: the expiry check skips. */
const LONGEST_WAITED_TOKEN_SECONDS = 5;
/** Waited beyond `expires_in`, for the time the grant took to arrive and clocks that tick apart. */
const EXPIRY_MARGIN_MS = 1000;

/** A bearer token of a role, granted over raw HTTP, with its lifetime as the exchange states it. */
export async function grantToken(
  context: CheckContext,
  role: ConformanceRole,
): Promise<{ token: string; expiresIn: number }> {
  const { clientId, clientSecret } = context.credentials(role);
  const granted = await context.raw('issueToken', '/v1/oauth/token', tokenRequest(clientId, clientSecret));
  const body = (await expectContractAnswer('issueToken', granted, 200, `token grant for ${role}`)) as {
    access_token: string;
    expires_in: number;
  };
  return { token: body.access_token, expiresIn: body.expires_in };
}

const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

export const authChecks: ConformanceCheck[] = [
  {
    id: 'auth/credential-roles',
    title: {
      zh: '各凭据属于具备所需角色的不同部门',
      en: 'each set of credentials belongs to a distinct department with the roles the checks assume',
    },
    spec: 'getMe',
    async run(context) {
      const ids = new Set<string>();
      for (const role of Object.keys(requiredRoles) as ConformanceRole[]) {
        const me = await context.fixtures.department(role);
        const missing = requiredRoles[role].filter((r) => !me.roles.includes(r));
        if (missing.length > 0) throw new Error(`${role} (${me.id}) lacks the role ${missing.join(', ')}`);
        if (role !== 'authority') ids.add(me.id);
      }
      // providerA, providerB and the vendor must be three departments, or the access checks prove nothing.
      expectEqual(ids.size, 3, 'distinct departments of providerA, providerB and vendor');
    },
  },
  {
    id: 'auth/token-grant',
    title: { zh: '正确密钥可获取令牌并识别调用方', en: 'the right secret gets a token that says who calls' },
    spec: 'issueToken, getMe',
    async run(context) {
      const me = await context.client('providerA').departments.me();
      if (typeof me.data.id !== 'string' || me.data.id === '') throw new Error('getMe without an id');
    },
  },
  {
    id: 'auth/wrong-secret',
    title: { zh: '错误密钥被拒绝（401）', en: 'a wrong secret is refused (401)' },
    spec: 'issueToken',
    async run(context) {
      const { clientId } = context.credentials('providerA');
      const response = await context.raw(
        'issueToken',
        '/v1/oauth/token',
        tokenRequest(clientId, 'wrong-secret-0000000'),
      );
      await expectProblemResponse(response, 401, 'wrong secret');
    },
  },
  {
    id: 'auth/forged-token',
    title: { zh: '伪造令牌被拒绝（401）', en: 'a forged token is refused (401)' },
    spec: 'getMe',
    async run(context) {
      const { clientId, clientSecret } = context.credentials('providerA');
      const granted = await context.raw(
        'issueToken',
        '/v1/oauth/token',
        tokenRequest(clientId, clientSecret),
      );
      expectEqual(granted.status, 200, 'token grant');
      const token = ((await granted.json()) as { access_token: string }).access_token;
      const forged = `${token.slice(0, -2)}${token.endsWith('xx') ? 'yy' : 'xx'}`;
      const response = await context.raw('getMe', '/v1/me', {
        headers: { authorization: `Bearer ${forged}` },
      });
      await expectProblemResponse(response, 401, 'forged token');
    },
  },
  {
    id: 'auth/no-token',
    title: { zh: '无凭据请求被拒绝（401）', en: 'a request without credentials is refused (401)' },
    spec: 'getMe',
    async run(context) {
      const response = await context.raw('getMe', '/v1/me');
      await expectProblemResponse(response, 401, 'no credentials');
    },
  },
  {
    id: 'auth/expired-token',
    title: {
      zh: '令牌过期（expires_in）后被拒绝（401 auth.invalid_token）',
      en: 'a token is refused (401 auth.invalid_token) once its expires_in has passed',
    },
    spec: 'issueToken, getMe',
    async run(context) {
      const { token, expiresIn } = await grantToken(context, 'providerA');
      if (expiresIn > LONGEST_WAITED_TOKEN_SECONDS) {
        throw new CheckSkipped(
          `tokens live ${expiresIn} s (expires_in); the check waits only for tokens of at most ${LONGEST_WAITED_TOKEN_SECONDS} s`,
        );
      }
      // The fresh token must work, or its refusal later would prove nothing about expiry.
      await expectContractAnswer(
        'getMe',
        await context.raw('getMe', '/v1/me', bearer(token)),
        200,
        'fresh token',
      );
      await new Promise((resolve) => setTimeout(resolve, expiresIn * 1000 + EXPIRY_MARGIN_MS));
      const response = await context.raw('getMe', '/v1/me', bearer(token));
      const code = await expectProblemResponse(response, 401, 'expired token');
      expectEqual(code, 'auth.invalid_token', 'expired token problem code');
    },
  },
];
