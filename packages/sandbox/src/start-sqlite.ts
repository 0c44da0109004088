import { resolve } from 'node:path';
import { prepareSealedSecrets } from './auth/sealed-secrets';
import { readConfiguredSealingKeys } from './auth/sealing-key';
import { entriesOutsideContract } from './catalog/contract-check';
import { openBookkeeping, openDatabase } from './db/open-database';
import { applySeed } from './seed/seed-file';
import { type OpenedExchange, type SandboxOptions, seedOf } from './start-options';
import { openSqliteStorage } from './storage/sqlite-storage';

/** Opens (and migrates) the SQLite file or an in-memory database, re-seals, seeds, and opens the storage. */
export function openSqliteExchange(options: SandboxOptions, now: () => number): OpenedExchange {
  const dataFile = options.memory ? undefined : resolve(options.dataFile ?? '.unsilo/sandbox.db');
  // A bad sealing-key configuration is refused before the data file is touched.
  const configuredKeys = dataFile ? readConfiguredSealingKeys(options) : {};
  const db = openDatabase(dataFile ? { dataFile } : { memory: true });
  const bookkeeping = dataFile ? openBookkeeping(dataFile) : db;
  try {
    // Start-up steps on the SQLite file itself (migrations ran when it opened): re-sealing and seeding. The
    // storage opens after them, because its record index writes to the file and a refusal must change nothing.
    const sealing = prepareSealedSecrets(db, configuredKeys, dataFile);
    const hasDepartments = (db.prepare('SELECT count(*) AS n FROM departments').get() as { n: number }).n > 0;
    const { seed, seedFile } = seedOf(hasDepartments, options);
    if (seed) applySeed(db, seed, sealing.current, new Date(now()).toISOString());
    const outside = entriesOutsideContract(db);
    const storage = openSqliteStorage(db, bookkeeping, {
      maxAnonymousAuditEvents: options.maxAnonymousAuditEvents,
    });
    return {
      backend: 'sqlite',
      storage,
      db,
      dataFile: dataFile ?? ':memory:',
      sealing,
      seed,
      seedFile,
      entriesOutsideContract: outside,
    };
  } catch (error) {
    if (bookkeeping !== db) bookkeeping.close();
    db.close();
    throw error;
  }
}
