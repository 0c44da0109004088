import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The PostgreSQL cluster of this test run, when the test runs in the `postgres` project (see vitest.config.ts);
 * undefined in the default project, whose tests run on SQLite.
 */
export function testPostgresUrl(): string | undefined {
  return inject('postgresUrl') || undefined;
}

/** A fresh, empty database of the run's cluster: its URL. */
export async function freshDatabaseUrl(clusterUrl: string): Promise<string> {
  const name = `t_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `${clusterUrl.slice(0, clusterUrl.lastIndexOf('/'))}/${name}`;
}
