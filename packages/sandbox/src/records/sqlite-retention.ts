import type { Database } from 'better-sqlite3';
import type { RetentionStore, SubjectHoldings, Tombstone } from '../storage/ports';
import type { RecordIndex } from './record-index';
import { keyNamesSubject, subjectLikePattern } from './subject-keys';

/** Changes looked at per compaction step: one short transaction each, the event loop free in between. */
const COMPACTION_WINDOW = 20_000;

/**
 * A version is superseded when the `records` index points elsewhere: an upsert the index does not point at (a
 * later upsert or a delete replaced it), a tombstone of a key upserted again. Only changes up to where the index
 * is current are looked at (the caller bounds `seq`): a newer upsert the index has not taken yet must not make
 * its key's current version look superseded.
 */
const DELETE_SUPERSEDED = `DELETE FROM changes WHERE seq IN (
    SELECT c.seq FROM changes c
    LEFT JOIN records r ON r.resource_code = c.resource_code AND r.record_key = c.record_key
    WHERE c.seq > ? AND c.seq <= ? AND c.at < ?
      AND CASE c.op WHEN 'upsert' THEN r.seq IS NULL OR r.seq <> c.seq ELSE r.seq IS NOT NULL END
  )`;

interface KeyVersions {
  record_key: string;
  versions: number;
}

/**
 * Compaction and erasure on SQLite, next to the record store whose `records` index they read and change (the
 * index is settled first, as a batch with deletes does, so it is current while they run).
 */
export function createSqliteRetentionStore(db: Database, index: RecordIndex): RetentionStore {
  const deleteSuperseded = db.prepare(DELETE_SUPERSEDED);
  const keysLike = db.prepare(
    `SELECT record_key, count(*) AS versions FROM changes
     WHERE resource_code = ? AND record_key LIKE ? ESCAPE '\\' GROUP BY record_key`,
  );
  const isCurrent = db.prepare('SELECT 1 FROM records WHERE resource_code = ? AND record_key = ?').pluck();
  const insertTombstone = db.prepare(
    "INSERT INTO changes (resource_code, op, record_key, data, batch_id, at) VALUES (?, 'delete', ?, NULL, ?, ?)",
  );
  const deleteVersions = db.prepare(
    'DELETE FROM changes WHERE resource_code = ? AND record_key = ? AND seq < ?',
  );

  function subjectKeys(resourceCode: string, subject: string): KeyVersions[] {
    const rows = keysLike.all(resourceCode, subjectLikePattern(subject)) as KeyVersions[];
    return rows.filter((row) => keyNamesSubject(row.record_key, subject));
  }

  function holdingsOf(resourceCode: string, keys: KeyVersions[]): SubjectHoldings {
    return {
      records: keys.filter((key) => isCurrent.get(resourceCode, key.record_key) !== undefined).length,
      versions: keys.reduce((sum, key) => sum + key.versions, 0),
    };
  }

  const eraseAll = db.transaction(
    (
      resourceCode: string,
      subject: string,
      tombstone: Tombstone,
    ): { held: SubjectHoldings; lastSeq: number } => {
      const keys = subjectKeys(resourceCode, subject);
      const held = holdingsOf(resourceCode, keys);
      let lastSeq = index.feedEnd;
      for (const { record_key: key } of keys) {
        index.remove(resourceCode, key);
        // The tombstone first: it takes a seq above every version, so deleting them never frees the feed's
        // highest rowid for reuse (a follower past it would skip the tombstone).
        lastSeq = Number(
          insertTombstone.run(resourceCode, key, tombstone.batchId, tombstone.at).lastInsertRowid,
        );
        deleteVersions.run(resourceCode, key, lastSeq);
      }
      index.markCurrentUpTo(lastSeq);
      return { held, lastSeq };
    },
  );

  return {
    async compact(before) {
      index.settle();
      const upTo = index.feedEnd;
      let removed = 0;
      for (let from = 0; from < upTo; from += COMPACTION_WINDOW) {
        removed += deleteSuperseded.run(from, Math.min(from + COMPACTION_WINDOW, upTo), before).changes;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return removed;
    },
    async holdings(resourceCode, subject) {
      index.settle();
      return holdingsOf(resourceCode, subjectKeys(resourceCode, subject));
    },
    async erase(resourceCode, subject, tombstone) {
      index.settle();
      const { held, lastSeq } = eraseAll(resourceCode, subject, tombstone);
      index.afterWrite([], lastSeq);
      return held;
    },
  };
}
