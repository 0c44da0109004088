import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertMayCall } from '../access/roles';
import { signsWithHmac } from '../auth/authenticate';
import { Problem } from '../problems/problem';
import type { Caller } from '../sandbox-state';
import { decodeBody } from './content-types';
import type { Contract } from './contract';
import type { OperationHandlers } from './operation';
import type { OperationId } from './operation-table';

export interface RegisterOptions {
  contract: Contract;
  handlers: OperationHandlers;
  authenticate: (request: FastifyRequest) => Promise<Caller>;
  /** Check every answer against the contract (on by default; a mismatch is a 500, so tests catch it). */
  validateResponses: boolean;
}

/**
 * Mounts one route per operation of the contract: authenticate (unless the spec says `security: []`), check the
 * caller's roles against the operation's (`x-roles`), parse the request with the spec's schemas, run the
 * handler, check the answer against the spec, send it.
 *
 * A bearer token (or its absence) is judged before the body is read, so that an unauthenticated client cannot make
 * the exchange read or parse one; an HMAC signature covers the body, so it is judged once the bytes are in
 * (bounded by the body limit) and before they are decoded.
 */
export function registerOperations(app: FastifyInstance, options: RegisterOptions): void {
  const { contract, handlers } = options;
  // An answer that carries an ETag is fully determined by it: check each (operation, status, ETag) once.
  const conforming = new Set<string>();
  for (const [operationId, route] of Object.entries(contract.routes) as Array<
    [OperationId, (typeof contract.routes)[OperationId]]
  >) {
    const handler = handlers[operationId];
    if (!handler) throw new Error(`no handler for operation ${operationId}`);
    const admit = async (request: FastifyRequest): Promise<void> => {
      const caller = await options.authenticate(request);
      request.caller = caller;
      // Before anything of the request is parsed: a role that may not call the operation learns nothing more.
      assertMayCall(caller, operationId, route.allowed);
    };
    app.route({
      method: route.method,
      url: route.path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'),
      config: { operationId },
      preParsing: async (request, _reply, payload) => {
        if (!route.anonymous && !signsWithHmac(request)) await admit(request);
        return payload;
      },
      handler: async (request, reply) => {
        if (!route.anonymous && request.caller === undefined) await admit(request);
        const caller = request.caller;
        const parsed = contract.parseRequest(operationId, {
          params: request.params,
          query: request.query,
          body: decodeBody(request),
          headers: request.headers,
        });
        const output = await handler({ request, reply, caller: caller as Caller, ...parsed });
        if (output.headers) reply.headers(output.headers);
        reply.code(output.status);
        if (output.body === undefined && output.bytes === undefined) return reply.send();
        const etag = output.headers?.etag;
        const memo = etag && operationId === 'getResource' ? `${output.status} ${etag}` : undefined;
        if (options.validateResponses && !(memo && conforming.has(memo))) {
          const body = output.body !== undefined ? output.body : JSON.parse(output.bytes!);
          const issues = contract.checkResponse(operationId, output.status, body);
          if (memo && issues.length === 0) {
            if (conforming.size >= 10_000) conforming.clear();
            conforming.add(memo);
          }
          if (issues.length > 0) {
            request.log.error(
              { operationId, status: output.status, issues },
              'response outside the contract',
            );
            throw new Problem('internal.error', `The answer to ${operationId} did not match the contract`);
          }
        }
        reply.header('content-type', 'application/json; charset=utf-8');
        return reply.send(output.bytes ?? JSON.stringify(output.body));
      },
    });
  }
}
