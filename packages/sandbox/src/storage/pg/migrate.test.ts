import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../../../../../test/helpers/describe-with-postgres';
import { type RunningPostgres, startPostgres } from '../../../../../test/helpers/postgres';
import { readMigrations } from '../../db/migrate';
import { migratePg, pgMigrationsDir } from './migrate';
import { createPgPool } from './pool';

describeWithPostgres('migratePg', () => {
  let cluster: RunningPostgres;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(() => cluster?.stop());

  it('applies every migration once when two instances start together, then nothing', async () => {
    const url = cluster.createDatabase('migrate_twice');
    const [first, second] = [createPgPool(url), createPgPool(url)];
    try {
      const shipped = readMigrations(pgMigrationsDir).map((m) => m.version);
      const applied = await Promise.all([migratePg(first), migratePg(second)]);
      // One instance applied them all, the other waited on the lock and found nothing left to do.
      expect([...applied].sort((a, b) => a.length - b.length)).toEqual([[], shipped]);
      expect(await migratePg(first)).toEqual([]);
      const { rows } = await first.query<{ version: number }>(
        'SELECT version FROM schema_version ORDER BY 1',
      );
      expect(rows.map((r) => r.version)).toEqual(shipped);
      expect(rows[0]?.version).toBe(1);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const pool = createPgPool(cluster.createDatabase('migrate_broken'));
    try {
      const broken = [
        { version: 1, name: 'good', sql: 'CREATE TABLE t (a INTEGER)' },
        { version: 2, name: 'bad', sql: 'CREATE TABLE t (a INTEGER)' },
      ];
      await expect(migratePg(pool, broken)).rejects.toThrow(/already exists/);
      const { rows } = await pool.query("SELECT to_regclass('t') AS t, to_regclass('schema_version') AS v");
      expect(rows[0]).toEqual({ t: null, v: null });
    } finally {
      await pool.end();
    }
  });
});
