import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { buildApp } from './app';
import { createLoginThrottle, defaultLoginThrottle, type LoginThrottleLimits } from './auth/login-throttle';
import { prepareSealedSecrets } from './auth/sealed-secrets';
import { readConfiguredSealingKeys, type SealingKeyConfig } from './auth/sealing-key';
import { entriesOutsideContract } from './catalog/contract-check';
import { openBookkeeping, openDatabase } from './db/open-database';
import { createRequestLimiter, defaultRequestsPerMinute } from './http/rate-limit';
import { specContract } from './http/spec-contract';
import { loadReceiptSigner } from './receipts/receipt-signer';
import type { SandboxState } from './sandbox-state';
import { applySeed, demoSeedFile, readSeedFile, type Seed } from './seed/seed-file';
import type { Storage } from './storage/ports';
import { openSqliteStorage } from './storage/sqlite-storage';

/** Options; the sealing-key ones (`sealingKey`, `sealingKeyFile`, `previousSealingKey…`) are in `SealingKeyConfig`. */
export interface SandboxOptions extends SealingKeyConfig {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for local development. */
  host?: string;
  /** SQLite database file (created when missing). Default `.unsilo/sandbox.db` in the working directory. */
  dataFile?: string;
  /** Keep everything in memory instead of a file. */
  memory?: boolean;
  /** Seed file path, or a seed object. Default: the demo seed when the database has no departments yet. */
  seed?: string | Seed;
  /** Let providers register and publish their own entries. Default: the seed's `selfApprove`, else false. */
  selfApprove?: boolean;
  /** Largest accepted request body in bytes. Default 32 MiB (a 5,000-record batch fits comfortably). */
  bodyLimit?: number;
  /** The exchange's clock, for tests that move time. */
  now?: () => Date;
  /** Lifetime of bearer tokens. Default 3600 s. */
  tokenTtlSeconds?: number;
  /** Check every answer against the contract (default true). */
  validateResponses?: boolean;
  /** Log requests (method, URL, status; never headers or bodies) to stdout as JSON lines. */
  logger?: boolean;
  /**
   * Requests a client may make per minute (per address for the operations that need no credentials) before the
   * exchange answers 429 `rate.limited`. Default 60,000; 0 turns the limit off.
   */
  requestsPerMinute?: number;
  /** Failed logins allowed per client id and per address before the token endpoint answers 429. Defaults: 10 per
   * client id, 50 per address, in 300 s. */
  loginThrottle?: Partial<LoginThrottleLimits>;
  /** Audit events without a department (failed logins and authentications) kept, oldest deleted first.
   * Default 100,000. */
  maxAnonymousAuditEvents?: number;
  /** Start signing receipts with a new key; the old public keys stay published, so old receipts verify. */
  rotateReceiptKey?: boolean;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:7300` (the API is under `/v1`). */
  url: string;
  port: number;
  /** Where the data lives, or `:memory:`. */
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
  /** The open database (for tests and tools that inspect it). */
  db: Database;
  close(): Promise<void>;
}

/** Starts a local exchange that implements the contract on SQLite. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const dataFile = options.memory ? undefined : resolve(options.dataFile ?? '.unsilo/sandbox.db');
  // A bad sealing-key configuration is refused before the data file is touched.
  const configuredKeys = dataFile ? readConfiguredSealingKeys(options) : {};
  const db = openDatabase(dataFile ? { dataFile } : { memory: true });
  const bookkeeping = dataFile ? openBookkeeping(dataFile) : db;
  let storage: Storage | undefined;
  try {
    const now = options.now ? () => options.now!().getTime() : () => Date.now();
    // Start-up steps on the SQLite file itself (migrations ran when it opened): re-sealing and seeding. The
    // storage opens after them, because its record index writes to the file and a refusal must change nothing.
    const sealing = prepareSealedSecrets(db, configuredKeys, dataFile);
    const sealingKey = sealing.current;
    const { seed, seedFile } = seedOf(db, options);
    if (seed) applySeed(db, seed, sealingKey, new Date(now()).toISOString());
    storage = openSqliteStorage(db, bookkeeping, {
      maxAnonymousAuditEvents: options.maxAnonymousAuditEvents,
    });
    const state = await sandboxState(storage, options, { now, sealingKey, seed });
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

    let closed = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      dataFile: dataFile ?? ':memory:',
      clients,
      selfApprove: state.selfApprove,
      seedFile,
      sealingKeySource: sealing.source,
      receiptKid: state.signer.kid,
      entriesOutsideContract: entriesOutsideContract(db),
      db,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await state.storage.close();
      },
    };
  } catch (error) {
    if (storage) await storage.close();
    else {
      if (bookkeeping !== db) bookkeeping.close();
      db.close();
    }
    throw error;
  }
}

/** The seed to apply: the one given, or the demo seed when the database has no departments yet. */
function seedOf(
  db: Database,
  options: SandboxOptions,
): { seed: Seed | undefined; seedFile: string | undefined } {
  const hasDepartments = (db.prepare('SELECT count(*) AS n FROM departments').get() as { n: number }).n > 0;
  const seedFile =
    typeof options.seed === 'string'
      ? resolve(options.seed)
      : options.seed === undefined && !hasDepartments
        ? demoSeedFile
        : undefined;
  const seed =
    typeof options.seed === 'object' ? options.seed : seedFile ? readSeedFile(seedFile) : undefined;
  return { seed, seedFile };
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
