import { checkRecord } from '@unsilo/sdk/mapping';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuditHook } from './audit/audit-hook';
import { createTokenService } from './auth/access-tokens';
import { createAuthenticator } from './auth/authenticate';
import { createHmacVerifier } from './auth/hmac-signature';
import { createEntryLinter } from './catalog/entry-linter';
import type { StoredResource } from './catalog/resource-store';
import { registerContentTypes } from './http/content-types';
import type { Contract } from './http/contract';
import { registerErrorHandling } from './http/error-handler';
import { registerRateLimit } from './http/rate-limit';
import { registerOperations } from './http/register-operations';
import { registerRequestGuards } from './http/request-guards';
import { serverOptions } from './http/server-options';
import { answerExpectation } from './http/socket-problems';
import type { RecordChecker } from './records/process-batch';
import { auditRoutes } from './routes/audit-routes';
import { authRoutes } from './routes/auth-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { clientRoutes } from './routes/client-routes';
import { codesetRoutes } from './routes/codeset-routes';
import { qualityRoutes } from './routes/quality-routes';
import { recordsRoutes } from './routes/records-routes';
import { retentionRoutes } from './routes/retention-routes';
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

  const { storage } = state;
  const { departments, resources } = storage;
  const checkers = new WeakMap<StoredResource, RecordChecker>();
  const services: Services = {
    state,
    departments,
    clients: storage.clients,
    tokens: createTokenService(storage.clients, storage.tokens, state.now, state.tokenTtlSeconds),
    resources,
    shares: storage.shares,
    records: storage.records,
    syncRuns: storage.syncRuns,
    quality: storage.quality,
    conflicts: storage.conflicts,
    audit: storage.audit,
    lint: createEntryLinter(async (code, viewer) =>
      (await resources.entries(viewer)).filter((entry) => entry.code !== code),
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
      createHmacVerifier(storage.clients, storage.nonces, state.sealingKey, state.now),
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
      ...clientRoutes(services),
      ...catalogRoutes(services),
      ...recordsRoutes(services),
      ...syncRunRoutes(services),
      ...qualityRoutes(services),
      ...shareRoutes(services),
      ...retentionRoutes(services),
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
