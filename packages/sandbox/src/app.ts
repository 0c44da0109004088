import { randomUUID } from 'node:crypto';
import { checkRecord } from '@unsilo/sdk/mapping';
import Fastify, { type FastifyInstance } from 'fastify';
import { createShareRequestStore } from './access/share-requests';
import { createTokenService } from './auth/access-tokens';
import { createAuthenticator } from './auth/authenticate';
import { createDepartmentStore } from './auth/departments';
import { createHmacVerifier } from './auth/hmac-signature';
import { createEntryLinter } from './catalog/entry-linter';
import { createResourceStore, type StoredResource } from './catalog/resource-store';
import { registerContentTypes } from './http/content-types';
import type { Contract } from './http/contract';
import { registerErrorHandling } from './http/error-handler';
import { auditActions, type OperationId } from './http/operation-table';
import { registerOperations } from './http/register-operations';
import type { RecordChecker } from './records/process-batch';
import { createRecordStore } from './records/record-store';
import { auditRoutes } from './routes/audit-routes';
import { authRoutes } from './routes/auth-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { codesetRoutes } from './routes/codeset-routes';
import { recordsRoutes } from './routes/records-routes';
import { shareRoutes } from './routes/share-routes';
import type { SandboxState } from './sandbox-state';
import type { Services } from './services';

export interface AppOptions {
  bodyLimit: number;
  logger: boolean;
  validateResponses: boolean;
}

/** The exchange as a Fastify instance (not listening yet). */
export function buildApp(state: SandboxState, contract: Contract, options: AppOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.bodyLimit,
    // Requests are logged without headers or bodies: tokens, signatures and secrets never reach the log.
    logger: options.logger
      ? { level: 'info', serializers: { req: (req) => ({ method: req.method, url: req.url, id: req.id }) } }
      : false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\x21-\x7e]{1,128}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: false,
  });

  const departments = createDepartmentStore(state.db);
  const resources = createResourceStore(state.db);
  const checkers = new WeakMap<StoredResource, RecordChecker>();
  const services: Services = {
    state,
    departments,
    tokens: createTokenService(state.db, state.now, state.tokenTtlSeconds),
    resources,
    shares: createShareRequestStore(state.db),
    records: createRecordStore(state.db),
    lint: createEntryLinter((code) => resources.entries().filter((entry) => entry.code !== code)),
    checkerFor: (resource) => {
      let checker = checkers.get(resource);
      if (!checker) {
        const entry = resource.entry as Parameters<typeof checkRecord>[0];
        checker = (record) => checkRecord(entry, record).errors;
        checkers.set(resource, checker);
      }
      return checker;
    },
  };
  const authenticate = createAuthenticator(
    services.tokens,
    createHmacVerifier(state.db, state.bookkeeping, state.sealingKey, state.now),
    departments,
  );

  registerContentTypes(app);
  registerErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const operationId = request.routeOptions.config?.operationId as OperationId | undefined;
    if (!operationId || operationId === 'getHealth') return;
    const facts = request.auditFacts;
    const code = facts?.resource ?? (request.params as { code?: string } | undefined)?.code;
    state.audit.record({
      at: new Date(state.now()).toISOString(),
      departmentId: request.caller?.department.id ?? null,
      action: auditActions[operationId],
      resourceCode: typeof code === 'string' ? code : null,
      resourceProviderId: facts?.resourceProviderId ?? null,
      status: reply.statusCode,
      requestId: String(request.id),
      detail: facts?.detail ? JSON.stringify(facts.detail) : null,
    });
  });

  registerOperations(app, {
    contract,
    authenticate,
    validateResponses: options.validateResponses,
    handlers: {
      ...authRoutes(services),
      ...catalogRoutes(services),
      ...recordsRoutes(services),
      ...shareRoutes(services),
      ...auditRoutes(services),
      ...codesetRoutes(services),
    },
  });
  return app;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    operationId?: string;
  }
}
