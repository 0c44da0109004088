import type { FastifyInstance, FastifyRequest } from 'fastify';
import { plainAddress } from '../auth/address-group';
import { auditActions, type OperationId } from '../http/operation-table';
import { ownHeader } from '../http/own-header';
import { Problem } from '../problems/problem';
import type { SandboxState } from '../sandbox-state';

/** Who tried to authenticate, and why it failed: what identifies a request when no department does. */
export interface AuthFacts {
  /** The client id as sent (unsanitised here; sanitised when recorded). */
  clientId?: string;
  reason?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the token endpoint; a failed check adds its reason (see `registerAuditHook`). */
    authFacts?: AuthFacts;
  }
}

/** Longest client id recorded, as the AuditEvent schema allows. */
const clientIdLength = 128;

/**
 * Writes every answered operation (except health) to the audit log. A request that authenticated nobody carries
 * the client id it sent, the reason it was refused and its source address instead of a department; token requests
 * record the client id and address when they succeed too.
 */
export function registerAuditHook(app: FastifyInstance, state: SandboxState): void {
  app.addHook('onError', async (request, _reply, error) => {
    const reason = refusalReason(error);
    if (reason && request.authFacts?.reason === undefined)
      request.authFacts = { ...request.authFacts, reason };
  });
  app.addHook('onResponse', async (request, reply) => {
    const operationId = request.routeOptions.config?.operationId as OperationId | undefined;
    if (!operationId || operationId === 'getHealth') return;
    const facts = request.auditFacts;
    const code = facts?.resource ?? (request.params as { code?: string } | undefined)?.code;
    const departmentId = request.caller?.department.id ?? null;
    const clientId =
      request.authFacts?.clientId ?? (departmentId === null ? headerClientId(request) : undefined);
    state.audit.record({
      at: new Date(state.now()).toISOString(),
      departmentId,
      action: auditActions[operationId],
      resourceCode: typeof code === 'string' ? code : null,
      resourceProviderId: facts?.resourceProviderId ?? null,
      status: reply.statusCode,
      requestId: String(request.id),
      detail: facts?.detail ? JSON.stringify(facts.detail) : null,
      clientId: clientId === undefined ? null : sanitisedClientId(clientId),
      reason: request.authFacts?.reason ?? null,
      sourceAddress:
        departmentId === null || operationId === 'issueToken' || operationId === 'revokeToken'
          ? plainAddress(request.ip)
          : null,
    });
  });
}

/** The reason of a refusal before the operation ran: the failed `auth.*` check, or the rate limit. */
function refusalReason(error: unknown): string | undefined {
  if (!(error instanceof Problem)) return undefined;
  if (error.code === 'rate.limited') return 'rate_limited';
  return error.code.startsWith('auth.') ? error.code.slice('auth.'.length) : undefined;
}

/** The `X-Client-Id` a signed request named, if any. */
function headerClientId(request: FastifyRequest): string | undefined {
  return ownHeader(request.headers, 'x-client-id');
}

/**
 * A client id as sent is attacker-chosen: anything but letters, digits and visible ASCII (controls, spaces,
 * bidirectional overrides, lone surrogates) becomes `?`, so it cannot forge lines or reorder text where it is shown,
 * and it is cut at 128 UTF-16 units without splitting a character.
 */
export function sanitisedClientId(clientId: string): string {
  let kept = '';
  for (const char of clientId.slice(0, clientIdLength * 2).replace(/[^\x21-\x7e\p{L}\p{N}]/gu, '?')) {
    if (kept.length + char.length > clientIdLength) break;
    kept += char;
  }
  return kept;
}
