import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate';

/**
 * Opens the exchange's database and brings its schema up to date.
 *
 * WAL lets readers run while a batch commits. `synchronous = FULL` makes every commit durable before the
 * server answers: a receipt is a promise that the batch is stored, so it must survive a power cut, not only a
 * killed process (NORMAL would only guarantee the latter). The cost is one fsync per transaction, i.e. per
 * batch, which is why records travel in batches.
 */
export function openDatabase(location: { dataFile: string } | { memory: true }): Database {
  const file = 'dataFile' in location ? location.dataFile : ':memory:';
  if ('dataFile' in location) createPrivateDataFile(location.dataFile);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint the WAL every ~16 MB rather than every 4 MB: fewer fsync stalls between batches.
  db.pragma('wal_autocheckpoint = 4000');
  migrate(db);
  if ('dataFile' in location) keepDataFilesPrivate(location.dataFile);
  return db;
}

/**
 * The database holds sealed secrets, token hashes and every record: only its owner may read it. SQLite creates
 * a new file 0644 (less the umask) and gives its `-wal` and `-shm` the database file's mode, so the file is
 * created 0600 first, and the folder 0700 when the exchange creates it.
 */
function createPrivateDataFile(dataFile: string): void {
  mkdirSync(dirname(dataFile), { recursive: true, mode: 0o700 });
  closeSync(openSync(dataFile, 'a', 0o600));
}

/** Data files an earlier version left readable by group or others are made private again. */
function keepDataFilesPrivate(dataFile: string): void {
  if (process.platform === 'win32') return;
  for (const file of [dataFile, `${dataFile}-wal`, `${dataFile}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

/**
 * Runs `change` in one transaction that overwrites what it deletes or replaces (`secure_delete`), then copies
 * the WAL into the database and truncates it, so the old bytes of a secret are left neither in free pages nor
 * in the log. (Blocks the file system had already given up, e.g. of an earlier, larger WAL, are beyond reach.)
 */
export function eraseInOneTransaction<T>(db: Database, change: () => T): T {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return db.transaction(change)();
  } finally {
    db.pragma(`secure_delete = ${before}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/**
 * A second connection to the same file for bookkeeping writes (audit events, spent HMAC nonces) with
 * `synchronous = NORMAL`: its commits do not wait for an fsync, and its WAL frames become durable with the next
 * FULL commit of the main connection. A killed process loses none of them; a power cut may lose the last few,
 * never a batch.
 */
export function openBookkeeping(dataFile: string): Database {
  const db = new BetterSqlite3(dataFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Checkpoints are the main connection's (every ~16 MB of WAL): left at SQLite's default of ~4 MB here, the
  // audit writes after each batch ran four times as many, each copying pages and syncing the database file.
  db.pragma('wal_autocheckpoint = 0');
  return db;
}
