import { keyNamesSubject, subjectLikePattern } from '../../records/subject-keys';
import type { RetentionStore, SubjectHoldings, Tombstone } from '../ports';
import { inTransaction, type PgClient, type PgPool } from './pool';

/** Changes looked at per statement (a range of seq, by the primary key): each a short transaction. */
const COMPACTION_WINDOW = 20_000;

/**
 * A version is superseded when the `records` index (updated in the same transaction as the feed, so current in
 * every snapshot) points elsewhere: an upsert it does not point at, a tombstone of a key upserted again.
 */
const DELETE_SUPERSEDED = `WITH superseded AS (
    SELECT c.seq FROM changes c
    LEFT JOIN records r ON r.resource_code = c.resource_code AND r.record_key = c.record_key
    WHERE c.seq > $2 AND c.seq <= $3 AND c.at < $1
      AND CASE WHEN c.op = 'upsert' THEN r.seq IS DISTINCT FROM c.seq ELSE r.seq IS NOT NULL END
  )
  DELETE FROM changes WHERE seq IN (SELECT seq FROM superseded)`;

const KEYS_LIKE = `SELECT record_key, count(*)::int AS versions FROM changes
  WHERE resource_code = $1 AND record_key LIKE $2 ESCAPE '\\' GROUP BY record_key`;

const CURRENT_KEYS =
  'SELECT record_key FROM records WHERE resource_code = $1 AND record_key = ANY($2::text[])';

/**
 * Erases keys in one statement: each leaves the index, gets a tombstone (seqs above all its versions, taken under
 * the resource's feed lock as a batch takes them) and loses every earlier version.
 */
const ERASE_KEYS = `WITH removed AS (
    DELETE FROM records WHERE resource_code = $1 AND record_key = ANY($2::text[]) RETURNING record_key
  ), tombstones AS (
    INSERT INTO changes (seq, resource_code, op, record_key, data, batch_id, at)
    SELECT nextval('changes_seq'), $1, 'delete', k.record_key, NULL, $3, $4
    FROM unnest($2::text[]) WITH ORDINALITY AS k(record_key, ord) ORDER BY k.ord
    RETURNING seq, record_key
  )
  DELETE FROM changes c USING tombstones t
  WHERE c.resource_code = $1 AND c.record_key = t.record_key AND c.seq < t.seq`;

interface KeyVersions {
  record_key: string;
  versions: number;
}

async function subjectKeys(client: PgClient | PgPool, resourceCode: string, subject: string) {
  const { rows } = await client.query<KeyVersions>(KEYS_LIKE, [resourceCode, subjectLikePattern(subject)]);
  return rows.filter((row) => keyNamesSubject(row.record_key, subject));
}

async function holdingsOf(
  client: PgClient | PgPool,
  resourceCode: string,
  keys: KeyVersions[],
): Promise<SubjectHoldings> {
  const current = await client.query(CURRENT_KEYS, [resourceCode, keys.map((key) => key.record_key)]);
  return { records: current.rowCount ?? 0, versions: keys.reduce((sum, key) => sum + key.versions, 0) };
}

async function eraseInTransaction(
  client: PgClient,
  resourceCode: string,
  subject: string,
  tombstone: Tombstone,
): Promise<SubjectHoldings> {
  // The feed lock of the resource, as a batch takes it: the tombstones' seqs follow commit order.
  await client.query("SELECT pg_advisory_xact_lock(hashtext('changes:' || $1))", [resourceCode]);
  const keys = await subjectKeys(client, resourceCode, subject);
  const held = await holdingsOf(client, resourceCode, keys);
  if (keys.length > 0) {
    await client.query(ERASE_KEYS, [
      resourceCode,
      keys.map((key) => key.record_key),
      tombstone.batchId,
      tombstone.at,
    ]);
  }
  return held;
}

/** Compaction and erasure on PostgreSQL. */
export function createPgRetentionStore(pool: PgPool): RetentionStore {
  return {
    async compact(before) {
      const { rows } = await pool.query<{ last: string }>(
        'SELECT coalesce(max(seq), 0) AS last FROM changes',
      );
      const last = Number(rows[0]!.last);
      let removed = 0;
      for (let from = 0; from < last; from += COMPACTION_WINDOW) {
        const to = Math.min(from + COMPACTION_WINDOW, last);
        removed += (await pool.query(DELETE_SUPERSEDED, [before, from, to])).rowCount ?? 0;
      }
      return removed;
    },
    async holdings(resourceCode, subject) {
      return holdingsOf(pool, resourceCode, await subjectKeys(pool, resourceCode, subject));
    },
    erase: (resourceCode, subject, tombstone) =>
      inTransaction(pool, (client) => eraseInTransaction(client, resourceCode, subject, tombstone)),
  };
}
