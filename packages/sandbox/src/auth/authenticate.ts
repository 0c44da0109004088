import type { FastifyRequest } from 'fastify';
import { Problem } from '../problems/problem';
import type { Caller } from '../sandbox-state';
import type { TokenOwner, TokenService } from './access-tokens';
import type { DepartmentStore } from './departments';
import type { HmacVerifier } from './hmac-signature';

/** Who is calling: a bearer token, or an HMAC-signed request. Anything else is a 401 problem. */
export function createAuthenticator(
  tokens: TokenService,
  verifyHmac: HmacVerifier,
  departments: DepartmentStore,
) {
  return (request: FastifyRequest): Caller => {
    const authorization = request.headers.authorization;
    let owner: TokenOwner;
    if (authorization !== undefined) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
      if (!match) throw new Problem('auth.invalid_token', 'Authorization must be "Bearer <token>"');
      owner = tokens.resolve(match[1]!);
    } else if (request.headers['x-signature'] !== undefined) {
      owner = verifyHmac({
        clientId: header(request, 'x-client-id'),
        timestamp: header(request, 'x-timestamp'),
        nonce: header(request, 'x-nonce'),
        signature: header(request, 'x-signature'),
        method: request.method,
        pathWithQuery: request.url,
        body: request.rawBody,
      });
    } else {
      throw new Problem('auth.missing_credentials', 'Send a Bearer token or sign the request (X-Signature)');
    }
    const department = departments.get(owner.departmentId);
    if (!department)
      throw new Problem('auth.invalid_token', 'The department of this client no longer exists');
    return { department, clientId: owner.clientId };
  };
}

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new Problem('auth.invalid_signature', `Signed requests need the ${name} header`);
  }
  return value;
}
