import type { Database } from 'better-sqlite3';
import { buildApp } from './app';
import { createLoginThrottle, defaultLoginThrottle } from './auth/login-throttle';
import { createRequestLimiter, defaultRequestsPerMinute } from './http/rate-limit';
import { specContract } from './http/spec-contract';
import { loadReceiptSigner } from './receipts/receipt-signer';
import { compactToWindow, scheduleCompaction } from './records/retention';
import type { SandboxState } from './sandbox-state';
import type { Seed } from './seed/seed-file';
import type { OpenedExchange, SandboxOptions } from './start-options';
import { DatabaseUrlError, openPostgresExchange } from './start-postgres';
import { openSqliteExchange } from './start-sqlite';
import type { Storage } from './storage/ports';

export type { SandboxOptions } from './start-options';
export { DatabaseUrlError } from './start-postgres';

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:7300` (the API is under `/v1`). */
  url: string;
  port: number;
  /** Where the data is stored. */
  backend: 'sqlite' | 'postgres';
  /** Where the data lives: the SQLite file, `:memory:`, or the PostgreSQL URL without its password. */
  dataFile: string;
  /** Client ids of the seeded departments (secrets stay in the seed file). */
  clients: Array<{ departmentId: string; name: string; clientId: string }>;
  selfApprove: boolean;
  /** The seed file applied at this start (where the demo credentials' secrets are), if one was. */
  seedFile: string | undefined;
  /** Where the sealing key came from: an option, an env variable, a key file, or `in memory` (never the key). */
  sealingKeySource: string;
  /** The key id that signs receipts from now on. */
  receiptKid: string;
  /** Codes of entries an earlier version stored although the contract refuses them (see the CHANGELOG). */
  entriesOutsideContract: string[];
  /** The open SQLite database (for tests and tools that inspect it); undefined on PostgreSQL. */
  db: Database | undefined;
  close(): Promise<void>;
}

/** Starts an exchange that implements the contract on SQLite, or on PostgreSQL with `databaseUrl`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const now = options.now ? () => options.now!().getTime() : () => Date.now();
  const opened = await openExchange(options, now);
  const { storage } = opened;
  try {
    const state = await sandboxState(storage, options, {
      now,
      sealingKey: opened.sealing.current,
      seed: opened.seed,
    });
    const app = buildApp(state, specContract(), {
      bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
      logger: options.logger ?? false,
      validateResponses: options.validateResponses ?? true,
    });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const host = options.host ?? '127.0.0.1';
    const clients = await storage.clients.list();
    const stopCompaction = startCompaction(state, options, (message) => app.log.error(message));

    let closed = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      backend: opened.backend,
      dataFile: opened.dataFile,
      clients,
      selfApprove: state.selfApprove,
      seedFile: opened.seedFile,
      sealingKeySource: opened.sealing.source,
      receiptKid: state.signer.kid,
      entriesOutsideContract: opened.entriesOutsideContract,
      db: opened.db,
      async close() {
        if (closed) return;
        closed = true;
        stopCompaction();
        await app.close();
        await state.storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

function retentionDaysOf(options: SandboxOptions): number | undefined {
  const days = options.retentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1))
    throw new RangeError(`retentionDays must be an integer ≥ 1: ${days}`);
  return days;
}

/** Compacts on a schedule when the exchange has a retention window; returns how to stop. */
function startCompaction(
  state: SandboxState,
  options: SandboxOptions,
  log: (message: string) => void,
): () => void {
  const days = state.retentionDays;
  if (days === undefined) return () => {};
  return scheduleCompaction(
    () => compactToWindow(state.storage.retention, days, state.now()),
    options.compactionIntervalMs ?? 3600_000,
    log,
  );
}

/** The storage on PostgreSQL when `databaseUrl` is given (alone), else on SQLite. */
async function openExchange(options: SandboxOptions, now: () => number): Promise<OpenedExchange> {
  const { databaseUrl } = options;
  if (databaseUrl === undefined) return openSqliteExchange(options, now);
  if (options.dataFile !== undefined || options.memory) {
    throw new DatabaseUrlError(
      'databaseUrl 不能与 dataFile 或 memory 同时使用 / databaseUrl excludes dataFile and memory: the data lives in one place',
    );
  }
  return openPostgresExchange({ ...options, databaseUrl }, now);
}

/** What every request handler shares: the databases, the clock, keys, limits and throttles. */
async function sandboxState(
  storage: Storage,
  options: SandboxOptions,
  {
    now,
    sealingKey,
    seed,
  }: { now: () => number; sealingKey: SandboxState['sealingKey']; seed: Seed | undefined },
): Promise<SandboxState> {
  const throttleStore = storage.throttle;
  return {
    storage,
    now,
    selfApprove: options.selfApprove ?? seed?.selfApprove ?? false,
    sealingKey,
    signer: await loadReceiptSigner(storage.receiptKeys, now, sealingKey, {
      rotate: options.rotateReceiptKey === true,
    }),
    audit: storage.audit,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    retentionDays: retentionDaysOf(options),
    maxBatchOperations: 5000,
    loginThrottle: createLoginThrottle(
      throttleStore,
      { ...defaultLoginThrottle, ...options.loginThrottle },
      now,
    ),
    requestLimiter: createRequestLimiter(
      throttleStore,
      options.requestsPerMinute ?? defaultRequestsPerMinute,
      now,
    ),
  };
}
