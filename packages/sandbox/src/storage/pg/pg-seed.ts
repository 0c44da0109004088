import { hashSecret, sealSecret } from '../../auth/client-secrets';
import { noNul, type Seed, SeedError } from '../../seed/seed-file';
import { inTransaction, type PgClient, type PgPool } from './pool';

/** Serializes the seeding of instances that start at once on one database (an arbitrary, fixed lock id). */
const SEED_LOCK = 7_300_019;

/**
 * Seeds the database in one transaction, as `applySeed` does on SQLite: `choose` is told whether the database
 * has departments yet and names the seed to apply (or none). Instances starting together take turns on an
 * advisory lock, so only the first finds an empty database and applies the demo seed. Returns what `choose`
 * returned.
 */
export async function seedPg<T extends { seed: Seed | undefined }>(
  pool: PgPool,
  choose: (hasDepartments: boolean) => T,
  sealingKey: Buffer,
  now: string,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { rows } = await client.query<{ has: boolean }>('SELECT EXISTS (SELECT 1 FROM departments) AS has');
    const chosen = choose(rows[0]!.has);
    if (chosen.seed) await applySeedPg(client, chosen.seed, sealingKey, now);
    return chosen;
  });
}

/** Inserts or updates the seed's departments and clients, one statement per table; secrets only hashed and
 * sealed. Inside the caller's transaction. A client rotated or revoked through the API is left as it is. */
export async function applySeedPg(
  client: PgClient,
  seed: Seed,
  sealingKey: Buffer,
  now: string,
): Promise<void> {
  // One row per id, the last given winning, as the row-by-row upserts of `applySeed` leave it.
  const departments = new Map(seed.departments.map((d) => [d.id, d]));
  const clients = new Map<string, { departmentId: string; salt: Buffer; hash: Buffer; sealed: Buffer }>();
  for (const department of seed.departments) {
    for (const entry of department.clients) {
      // A seed object given in code has not been through `seedSchema`.
      if (!noNul.test(entry.clientId) || !noNul.test(entry.clientSecret))
        throw new SeedError(`seed: client ${JSON.stringify(entry.clientId)}: NUL in its id or secret`);
      const { salt, hash } = hashSecret(entry.clientSecret);
      const sealed = sealSecret(entry.clientSecret, sealingKey);
      clients.delete(entry.clientId);
      clients.set(entry.clientId, { departmentId: department.id, salt, hash, sealed });
    }
  }
  const rows = [...departments.values()];
  await client.query(
    `INSERT INTO departments (id, name, code, roles, created_at)
     SELECT id, name, code, roles, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       AS s(id, name, code, roles)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, code = excluded.code, roles = excluded.roles`,
    [
      rows.map((d) => d.id),
      rows.map((d) => d.name),
      rows.map((d) => d.code),
      rows.map((d) => JSON.stringify(d.roles)),
      now,
    ],
  );
  const ids = [...clients.keys()];
  const values = [...clients.values()];
  await client.query(
    `INSERT INTO clients (client_id, department_id, secret_salt, secret_hash, hmac_key_sealed, created_at)
     SELECT *, $6 FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[])
     ON CONFLICT (client_id) DO UPDATE SET department_id = excluded.department_id,
       secret_salt = excluded.secret_salt, secret_hash = excluded.secret_hash,
       hmac_key_sealed = excluded.hmac_key_sealed
     WHERE clients.rotated_at IS NULL AND clients.revoked_at IS NULL`,
    [
      ids,
      values.map((c) => c.departmentId),
      values.map((c) => c.salt),
      values.map((c) => c.hash),
      values.map((c) => c.sealed),
      now,
    ],
  );
}
