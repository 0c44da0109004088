import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { parse } from 'yaml';
import { z } from 'zod';
import { hashSecret, sealSecret } from '../auth/client-secrets';
import { packageFile } from '../package-file';

/** The demo seed shipped with the package: five departments of a city and one vendor. */
export const demoSeedFile = packageFile('seed', 'demo.yaml');

const role = z.enum(['provider', 'consumer', 'authority', 'vendor']);

/**
 * No NUL in client ids and secrets: an HMAC key, and so scrypt (PBKDF2-HMAC inside), treats `secret` and `secret\0`
 * alike, and the token endpoint refuses NUL in any form field anyway.
 */
export const noNul = /^[^\0]*$/;

/** The seed file is the sandbox's own format (not part of the exchange contract): who exists, with which keys. */
export const seedSchema = z.strictObject({
  selfApprove: z.boolean().optional(),
  departments: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
        name: z.string().min(1),
        code: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/),
        roles: z.array(role).min(1),
        clients: z
          .array(
            z.strictObject({
              clientId: z.string().min(3).max(128).regex(noNul, 'a client id may not contain NUL'),
              clientSecret: z.string().min(16).regex(noNul, 'a client secret may not contain NUL'),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type Seed = z.infer<typeof seedSchema>;

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

export function readSeedFile(file: string): Seed {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeedError(`seed file ${file}: ${(error as Error).message}`);
  }
  const parsed = seedSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SeedError(`seed file ${file}: ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  return parsed.data;
}

/** Inserts or updates the seed's departments and clients; secrets are stored only hashed and sealed. The seed only
 * bootstraps: a client the authority rotated or revoked through the API keeps what the API made of it. */
export function applySeed(db: Database, seed: Seed, sealingKey: Buffer, now: string): void {
  const upsertDepartment = db.prepare(
    `INSERT INTO departments (id, name, code, roles, created_at) VALUES (@id, @name, @code, @roles, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, code = excluded.code, roles = excluded.roles`,
  );
  const upsertClient = db.prepare(
    `INSERT INTO clients (client_id, department_id, secret_salt, secret_hash, hmac_key_sealed, created_at)
     VALUES (@clientId, @departmentId, @salt, @hash, @sealed, @now)
     ON CONFLICT (client_id) DO UPDATE SET department_id = excluded.department_id, secret_salt = excluded.secret_salt,
       secret_hash = excluded.secret_hash, hmac_key_sealed = excluded.hmac_key_sealed
     WHERE clients.rotated_at IS NULL AND clients.revoked_at IS NULL`,
  );
  db.transaction(() => {
    for (const department of seed.departments) {
      upsertDepartment.run({ ...department, roles: JSON.stringify(department.roles), now });
      for (const client of department.clients) {
        // A seed object given in code has not been through `seedSchema`.
        if (!noNul.test(client.clientId) || !noNul.test(client.clientSecret))
          throw new SeedError(`seed: client ${JSON.stringify(client.clientId)}: NUL in its id or secret`);
        const { salt, hash } = hashSecret(client.clientSecret);
        upsertClient.run({
          clientId: client.clientId,
          departmentId: department.id,
          salt,
          hash,
          sealed: sealSecret(client.clientSecret, sealingKey),
          now,
        });
      }
    }
  })();
}
