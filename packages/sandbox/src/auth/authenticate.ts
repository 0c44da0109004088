import type { FastifyRequest } from 'fastify';
import { ownHeader } from '../http/own-header';
import { Problem } from '../problems/problem';
import type { Caller } from '../sandbox-state';
import type { DepartmentStore } from '../storage/ports';
import type { TokenOwner, TokenService } from './access-tokens';
import type { HmacVerifier } from './hmac-signature';

/**
 * Whether the request is to be judged by its HMAC signature (it has no bearer token and signs): then its body must
 * be read first. Every other request is judged on its headers alone.
 */
export function signsWithHmac(request: FastifyRequest): boolean {
  return (
    ownHeader(request.headers, 'authorization') === undefined &&
    ownHeader(request.headers, 'x-signature') !== undefined
  );
}

/**
 * Who is calling: a bearer token, or an HMAC-signed request. Anything else is a 401 problem. Headers are read as
 * the request sent them (own properties only), never inherited.
 */
export function createAuthenticator(
  tokens: TokenService,
  verifyHmac: HmacVerifier,
  departments: DepartmentStore,
) {
  return async (request: FastifyRequest): Promise<Caller> => {
    const authorization = ownHeader(request.headers, 'authorization');
    let owner: TokenOwner;
    if (authorization !== undefined) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
      if (!match) throw new Problem('auth.invalid_token', 'Authorization must be "Bearer <token>"');
      owner = await tokens.resolve(match[1]!);
    } else if (signsWithHmac(request)) {
      owner = await verifyHmac({
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
    const department = await departments.get(owner.departmentId);
    if (!department)
      throw new Problem('auth.invalid_token', 'The department of this client no longer exists');
    return { department, clientId: owner.clientId };
  };
}

function header(request: FastifyRequest, name: string): string {
  const value = ownHeader(request.headers, name);
  if (value === undefined || value.length === 0) {
    throw new Problem('auth.invalid_signature', `Signed requests need the ${name} header`);
  }
  return value;
}
