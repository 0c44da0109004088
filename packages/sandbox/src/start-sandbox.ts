import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { buildApp } from './app';
import { createAuditLog } from './audit/audit-log';
import { loadSealingKey } from './auth/sealing-key';
import { openBookkeeping, openDatabase } from './db/open-database';
import { specContract } from './http/spec-contract';
import { loadReceiptSigner } from './receipts/receipt-signer';
import type { SandboxState } from './sandbox-state';
import { applySeed, demoSeedFile, readSeedFile, type Seed } from './seed/seed-file';

export interface SandboxOptions {
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
  /** The open database (for tests and tools that inspect it). */
  db: Database;
  close(): Promise<void>;
}

/** Starts a local exchange that implements the contract on SQLite. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const dataFile = options.memory ? undefined : resolve(options.dataFile ?? '.unsilo/sandbox.db');
  const db = openDatabase(dataFile ? { dataFile } : { memory: true });
  const bookkeeping = dataFile ? openBookkeeping(dataFile) : db;
  try {
    const now = options.now ? () => options.now!().getTime() : () => Date.now();
    const sealingKey = loadSealingKey(dataFile);
    const hasDepartments = (db.prepare('SELECT count(*) AS n FROM departments').get() as { n: number }).n > 0;
    const seedFile =
      typeof options.seed === 'string'
        ? resolve(options.seed)
        : options.seed === undefined && !hasDepartments
          ? demoSeedFile
          : undefined;
    const seed =
      typeof options.seed === 'object' ? options.seed : seedFile ? readSeedFile(seedFile) : undefined;
    if (seed) applySeed(db, seed, sealingKey, new Date(now()).toISOString());

    const state: SandboxState = {
      db,
      now,
      selfApprove: options.selfApprove ?? seed?.selfApprove ?? false,
      sealingKey,
      signer: loadReceiptSigner(db, now),
      bookkeeping,
      audit: createAuditLog(bookkeeping),
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      maxBatchOperations: 5000,
    };
    const app = buildApp(state, specContract(), {
      bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
      logger: options.logger ?? false,
      validateResponses: options.validateResponses ?? true,
    });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const host = options.host ?? '127.0.0.1';
    const clients = db
      .prepare(
        'SELECT d.id AS departmentId, d.name AS name, c.client_id AS clientId FROM clients c JOIN departments d ON d.id = c.department_id ORDER BY d.id',
      )
      .all() as RunningSandbox['clients'];

    let closed = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      dataFile: dataFile ?? ':memory:',
      clients,
      selfApprove: state.selfApprove,
      seedFile,
      db,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        state.audit.flush();
        if (bookkeeping !== db) bookkeeping.close();
        db.close();
      },
    };
  } catch (error) {
    if (bookkeeping !== db) bookkeeping.close();
    db.close();
    throw error;
  }
}
