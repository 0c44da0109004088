import { sealSecret, unsealSecret } from '../../auth/client-secrets';
import {
  type ConfiguredSealingKeys,
  previousSealingKeyEnv,
  SealingKeyError,
  type SealingKeys,
  sealingKeyEnv,
} from '../../auth/sealing-key';
import { inTransaction, type PgClient, type PgPool } from './pool';

/** Serializes the start-up checks and re-sealing of instances that start at once (an arbitrary, fixed lock id). */
const SEALING_LOCK = 7_300_020;

/** Every sealed column of the database. Each holds text (an HMAC secret, a PKCS#8 PEM key). Never from input. */
const sealedColumns = [
  { table: 'clients', id: 'client_id', column: 'hmac_key_sealed' },
  { table: 'client_previous_secrets', id: 'client_id', column: 'hmac_key_sealed' },
  { table: 'receipt_keys', id: 'kid', column: 'private_key_sealed' },
] as const;

/**
 * The sealing keys of an exchange on PostgreSQL: from the configuration only. There is no data file to keep a
 * key file beside, and a key stored in the database would seal nothing; without a configured key the exchange
 * does not start. Called before the database is touched.
 */
export function requireConfiguredSealingKeys(configured: ConfiguredSealingKeys): SealingKeys {
  if (!configured.current) {
    throw new SealingKeyError(
      `使用 PostgreSQL 时必须配置密封密钥：设置 ${sealingKeyEnv}，或用 --sealing-key-file 指定权限为 0600 的密钥文件（内容可由 openssl rand -base64 32 生成） / the exchange on PostgreSQL needs a configured sealing key: set ${sealingKeyEnv}, or give --sealing-key-file (option sealingKey or sealingKeyFile) naming a mode-0600 file that holds the output of openssl rand -base64 32`,
    );
  }
  return { ...configured.current, ...(configured.previous ? { previous: configured.previous } : {}) };
}

/**
 * In one transaction at start: checks that the current key opens every sealed secret in the database, and
 * re-seals with it what only the previous key opens (sealing-key rotation, a few rows: one per client and per
 * receipt key). Something neither key opens refuses the start; the transaction rolls back and nothing changes.
 * `where` names the database in messages (its URL without the password).
 */
export async function preparePgSealedSecrets(pool: PgPool, keys: SealingKeys, where: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEALING_LOCK]);
    let total = 0;
    let unopened = 0;
    for (const sealed of sealedColumns) {
      const counts = await resealTable(client, sealed, keys);
      total += counts.total;
      unopened += counts.unopened;
    }
    if (unopened > 0) {
      throw new SealingKeyError(
        `密封密钥（${keys.source}）无法解开 ${where} 中 ${total} 项已密封密钥中的 ${unopened} 项 / the sealing key (${keys.source}) does not open ${unopened} of the ${total} secrets sealed in ${where}: configure the key that sealed them, or give that key as the previous one (${previousSealingKeyEnv} or --previous-sealing-key-file) to re-seal everything with this one`,
      );
    }
  });
}

async function resealTable(
  client: PgClient,
  { table, id, column }: (typeof sealedColumns)[number],
  keys: SealingKeys,
): Promise<{ total: number; unopened: number }> {
  const { rows } = await client.query<{ id: string; sealed: Buffer }>(
    `SELECT ${id} AS id, ${column} AS sealed FROM ${table} FOR UPDATE`,
  );
  const resealedIds: string[] = [];
  const resealed: Buffer[] = [];
  let unopened = 0;
  for (const row of rows) {
    const current = unsealSecret(row.sealed, keys.current);
    if (current) {
      current.fill(0);
      continue;
    }
    const previous = keys.previous ? unsealSecret(row.sealed, keys.previous) : undefined;
    if (!previous) {
      unopened += 1;
      continue;
    }
    resealedIds.push(row.id);
    resealed.push(sealSecret(previous.toString('utf8'), keys.current));
    previous.fill(0);
  }
  if (unopened === 0 && resealedIds.length > 0) {
    await client.query(
      `UPDATE ${table} t SET ${column} = s.sealed FROM unnest($1::text[], $2::bytea[]) AS s(id, sealed)
       WHERE t.${id} = s.id`,
      [resealedIds, resealed],
    );
  }
  return { total: rows.length, unopened };
}
