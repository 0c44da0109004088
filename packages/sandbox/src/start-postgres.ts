import { readConfiguredSealingKeys } from './auth/sealing-key';
import { type OpenedExchange, type SandboxOptions, seedOf } from './start-options';
import { migratePg } from './storage/pg/migrate';
import { preparePgSealedSecrets, requireConfiguredSealingKeys } from './storage/pg/pg-sealing';
import { seedPg } from './storage/pg/pg-seed';
import { openPgStorage } from './storage/pg/pg-storage';
import { createPgPool } from './storage/pg/pool';

/** A misuse of `databaseUrl`; the message never holds the URL's password. */
export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
}

/**
 * `url` without its password (in the user part or as a `password` parameter), for messages and banners; throws
 * when it is not a `postgres://` or `postgresql://` URL.
 */
export function databaseUrlWithoutPassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(
      '数据库地址应为 postgres://用户@主机:端口/数据库 / the database URL must be postgres://user@host:port/database (or postgresql://…)',
    );
  }
  parsed.password = '';
  parsed.searchParams.delete('password');
  return parsed.toString();
}

/**
 * Connects to PostgreSQL, migrates, checks (and rotates) the sealed secrets, seeds, and opens the storage. The
 * sealing key must be configured; a refusal changes nothing and leaves no connection open.
 */
export async function openPostgresExchange(
  options: SandboxOptions & { databaseUrl: string },
  now: () => number,
): Promise<OpenedExchange> {
  const where = databaseUrlWithoutPassword(options.databaseUrl);
  // Refused before the database is touched: no key, or a bad one.
  const sealing = requireConfiguredSealingKeys(readConfiguredSealingKeys(options));
  const pool = createPgPool(options.databaseUrl);
  try {
    await migratePg(pool);
    await preparePgSealedSecrets(pool, sealing, where);
    const { seed, seedFile } = await seedPg(
      pool,
      (hasDepartments) => seedOf(hasDepartments, options),
      sealing.current,
      new Date(now()).toISOString(),
    );
    const storage = openPgStorage(pool, { maxAnonymousAuditEvents: options.maxAnonymousAuditEvents });
    // A database of this version holds no entries stored by an earlier one.
    return {
      backend: 'postgres',
      storage,
      db: undefined,
      dataFile: where,
      sealing,
      seed,
      seedFile,
      entriesOutsideContract: [],
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
