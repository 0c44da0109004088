import { checkRecord } from '@unsilo/sdk/mapping';
import Fastify, { type FastifyInstance } from 'fastify';
import { createShareRequestStore } from './access/share-requests';
import { registerAuditHook } from './audit/audit-hook';
import { createTokenService } from './auth/access-tokens';
import { createAuthenticator } from './auth/authenticate';
import { createDepartmentStore } from './auth/departments';
import { createHmacVerifier } from './auth/hmac-signature';
import { createEntryLinter } from './catalog/entry-linter';
import { createResourceStore, type StoredResource } from './catalog/resource-store';
import { registerContentTypes } from './http/content-types';
import type { Contract } from './http/contract';
import { registerErrorHandling } from './http/error-handler';
import { registerRateLimit } from './http/rate-limit';
import { registerOperations } from './http/register-operations';
import { registerRequestGuards } from './http/request-guards';
import { serverOptions } from './http/server-options';
import { answerExpectation } from './http/socket-problems';
import type { RecordChecker } from './records/process-batch';
import { createRecordStore } from './records/record-store';
import { createSyncRunStore } from './records/sync-run-store';
import { auditRoutes } from './routes/audit-routes';
import { authRoutes } from './routes/auth-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { codesetRoutes } from './routes/codeset-routes';
import { qualityRoutes } from './routes/quality-routes';
import { recordsRoutes } from './routes/records-routes';
import { shareRoutes } from './routes/share-routes';
import { syncRunRoutes } from './routes/sync-run-routes';
import type { SandboxState } from './sandbox-state';
import type { Services } from './services';

export interface AppOptions {
  bodyLimit: number;
  logger: boolean;
  validateResponses: boolean;
}

/** The exchange as a Fastify instance (not listening yet). */
export function buildApp(state: SandboxState, contract: Contract, options: AppOptions): FastifyInstance {
  const app = Fastify(serverOptions(options));
  app.server.on('checkExpectation', answerExpectation);

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
    syncRuns: createSyncRunStore(state.db),
    lint: createEntryLinter((code, viewer) =>
      resources.entries(viewer).filter((entry) => entry.code !== code),
    ),
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
  const authenticate = registerRateLimit(
    app,
    state.requestLimiter,
    contract,
    createAuthenticator(
      services.tokens,
      createHmacVerifier(state.db, state.bookkeeping, state.sealingKey, state.now),
      departments,
    ),
  );

  registerRequestGuards(app);
  registerContentTypes(app);
  registerErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerAuditHook(app, state);

  registerOperations(app, {
    contract,
    authenticate,
    validateResponses: options.validateResponses,
    handlers: {
      ...authRoutes(services),
      ...catalogRoutes(services),
      ...recordsRoutes(services),
      ...syncRunRoutes(services),
      ...qualityRoutes(services),
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
