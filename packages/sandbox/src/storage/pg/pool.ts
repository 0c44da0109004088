import pg from 'pg';

// int8 (bigint) columns hold sequence numbers and times in ms, all far below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** Connections per instance: enough for concurrent batches, few enough that several instances share a server. */
const DEFAULT_MAX_CONNECTIONS = 16;

/**
 * A connection pool on `url` (`postgres://user:password@host:port/database`). Connection errors of idle clients
 * are swallowed here (the next query reports them); the URL, which may hold a password, is never logged.
 */
export function createPgPool(url: string, max = DEFAULT_MAX_CONNECTIONS): PgPool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'unsilo-sandbox' });
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. Nothing
 * of the caller runs inside it, so a transaction never waits on an HTTP client.
 */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
