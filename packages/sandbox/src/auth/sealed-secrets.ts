import type { Database } from 'better-sqlite3';
import { eraseInOneTransaction } from '../db/open-database';
import { sealClearReceiptKeys } from '../receipts/seal-clear-receipt-keys';
import { sealSecret, unsealSecret } from './client-secrets';
import {
  type ConfiguredSealingKeys,
  chooseSealingKeys,
  previousSealingKeyEnv,
  SealingKeyError,
  type SealingKeys,
} from './sealing-key';

/** Every sealed column of the database. Each holds text (an HMAC secret, a PKCS#8 PEM key). */
const sealedColumns = [
  { table: 'clients', id: 'client_id', column: 'hmac_key_sealed' },
  { table: 'client_previous_secrets', id: 'client_id', column: 'hmac_key_sealed' },
  { table: 'receipt_keys', id: 'kid', column: 'private_key_sealed' },
] as const;

/**
 * Chooses the sealing keys and, in one transaction at start, brings every secret at rest under the current key:
 * seals the receipt keys an earlier version kept in clear, re-seals what only the previous key opens (sealing-
 * key rotation), and refuses to start when something is sealed with a key it does not have — a wrong key is
 * an error, never a silent re-keying. A refusal rolls back and changes nothing.
 */
export function prepareSealedSecrets(
  db: Database,
  configured: ConfiguredSealingKeys,
  dataFile: string | undefined,
): SealingKeys {
  const keys = chooseSealingKeys(configured, dataFile, countSealedSecrets(db) > 0);
  eraseInOneTransaction(db, () => {
    sealClearReceiptKeys(db, keys.current);
    sealAllWithCurrentKey(db, keys, dataFile ?? ':memory:');
  });
  return keys;
}

function countSealedSecrets(db: Database): number {
  let count = 0;
  for (const { table } of sealedColumns)
    count += (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return count;
}

function sealAllWithCurrentKey(db: Database, keys: SealingKeys, dataFile: string): void {
  let total = 0;
  let unopened = 0;
  for (const { table, id, column } of sealedColumns) {
    const rows = db.prepare(`SELECT ${id} AS id, ${column} AS sealed FROM ${table}`).all() as Array<{
      id: string;
      sealed: Buffer;
    }>;
    const reseal = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${id} = ?`);
    for (const row of rows) {
      total += 1;
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
      reseal.run(sealSecret(previous.toString('utf8'), keys.current), row.id);
      previous.fill(0);
    }
  }
  if (unopened > 0) {
    throw new SealingKeyError(
      `密封密钥（${keys.source}）无法解开 ${dataFile} 中 ${total} 项已密封密钥中的 ${unopened} 项 / the sealing key (${keys.source}) does not open ${unopened} of the ${total} secrets sealed in ${dataFile}: configure the key that sealed them, or give that key as the previous one (${previousSealingKeyEnv} or --previous-sealing-key-file) to re-seal everything with this one`,
    );
  }
}
