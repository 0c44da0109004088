import { mkdirSync } from 'node:fs';
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
  if ('dataFile' in location) mkdirSync(dirname(location.dataFile), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint the WAL every ~16 MB rather than every 4 MB: fewer fsync stalls between batches.
  db.pragma('wal_autocheckpoint = 4000');
  migrate(db);
  return db;
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
