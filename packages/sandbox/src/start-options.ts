import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LoginThrottleLimits } from './auth/login-throttle';
import type { SealingKeyConfig, SealingKeys } from './auth/sealing-key';
import { demoSeedFile, readSeedFile, type Seed } from './seed/seed-file';
import type { Storage } from './storage/ports';

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
  /**
   * Store everything on PostgreSQL instead of SQLite (`postgres://user:password@host:port/database`): several
   * instances on one database serve as one exchange. Excludes `dataFile` and `memory`; needs a configured
   * sealing key (`sealingKey`, `sealingKeyFile` or env `UNSILO_SEALING_KEY`).
   */
  databaseUrl?: string;
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
  /**
   * Days a superseded version of a record stays in the change feed (个人信息保护法: keep no longer than needed).
   * Older ones are removed at start, every hour and at `POST /v1/changes/compactions`; the current version of each
   * record always stays. Default: keep every version.
   */
  retentionDays?: number;
  /** How often the exchange compacts when `retentionDays` is set (ms). Default one hour. */
  compactionIntervalMs?: number;
  /** Start signing receipts with a new key; the old public keys stay published, so old receipts verify. */
  rotateReceiptKey?: boolean;
}

/** The storage of a starting exchange, migrated, with its secrets checked and its seed applied. */
export interface OpenedExchange {
  backend: 'sqlite' | 'postgres';
  storage: Storage;
  /** The SQLite database (undefined on PostgreSQL). */
  db: Database | undefined;
  /** Where the data lives: the SQLite file, `:memory:`, or the PostgreSQL URL without its password. */
  dataFile: string;
  sealing: SealingKeys;
  seed: Seed | undefined;
  seedFile: string | undefined;
  entriesOutsideContract: string[];
}

/** The seed to apply: the one given, or the demo seed when the database has no departments yet. */
export function seedOf(
  hasDepartments: boolean,
  options: SandboxOptions,
): { seed: Seed | undefined; seedFile: string | undefined } {
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
