import { type Migration, readMigrations } from '../../db/migrate';
import { packageFile } from '../../package-file';
import { inTransaction, type PgPool } from './pool';

/** The PostgreSQL migrations shipped with the package: `migrations-pg/NNN-name.sql`, applied in order of NNN. */
export const pgMigrationsDir = packageFile('migrations-pg');

/** Serializes migrations of instances that start at once on one database (an arbitrary, fixed lock id). */
const MIGRATION_LOCK = 7_300_018;

/**
 * Applies every migration newer than the database's `schema_version`, all in one transaction (PostgreSQL DDL is
 * transactional: a crash or a failing migration leaves the schema as it was). Instances starting together take
 * turns on an advisory lock held by that transaction; the later ones find nothing left to do. Returns the
 * versions applied.
 */
export async function migratePg(
  pool: PgPool,
  migrations: Migration[] = readMigrations(pgMigrationsDir),
): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    const current = rows[0]?.v ?? 0;
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
