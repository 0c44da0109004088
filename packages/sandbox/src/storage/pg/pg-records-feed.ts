import type { PreparedDelete, PreparedUpsert } from '../../records/record-store';
import type { PgClient } from './pool';

/** Where a batch's changes go and what they carry besides their key and data. */
export interface FeedTarget {
  resourceCode: string;
  batchId: string;
  at: string;
}

/**
 * A batch's upserts appended to the feed in their order, and the `records` index pointed at them, in ONE
 * statement whatever the batch's size (the arrays travel as two parameters). nextval is evaluated after the
 * ORDER BY (PostgreSQL postpones volatile output expressions past the sort), so seqs follow the batch's order.
 * A key upserted twice in the batch keeps its last change, as the SQLite store does: DISTINCT ON picks the
 * highest seq per key, since ON CONFLICT DO UPDATE may not touch a row twice in one statement.
 */
const APPEND_UPSERTS = `WITH appended AS (
    INSERT INTO changes (seq, resource_code, op, record_key, data, batch_id, at)
    SELECT nextval('changes_seq'), $1, 'upsert', u.record_key, u.data, $2, $3
    FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS u(record_key, data, ord)
    ORDER BY u.ord
    RETURNING seq, record_key
  )
  INSERT INTO records (resource_code, record_key, seq)
  SELECT DISTINCT ON (record_key) $1, record_key, seq FROM appended ORDER BY record_key, seq DESC
  ON CONFLICT (resource_code, record_key) DO UPDATE SET seq = excluded.seq`;

/**
 * A batch's deletes: each key present in the index is removed and gets a tombstone, in the batch's order; a
 * key absent (or deleted already earlier in the batch) gets none, as on SQLite. The index already holds the
 * batch's upserts (an earlier statement of the transaction), so an upsert then a delete of one key ends deleted.
 */
const APPEND_DELETES = `WITH wanted AS (
    SELECT d.record_key, min(d.ord) AS ord
    FROM unnest($4::text[]) WITH ORDINALITY AS d(record_key, ord) GROUP BY d.record_key
  ), removed AS (
    DELETE FROM records r USING wanted w
    WHERE r.resource_code = $1 AND r.record_key = w.record_key
    RETURNING r.record_key
  )
  INSERT INTO changes (seq, resource_code, op, record_key, data, batch_id, at)
  SELECT nextval('changes_seq'), $1, 'delete', w.record_key, NULL, $2, $3
  FROM wanted w JOIN removed ON removed.record_key = w.record_key
  ORDER BY w.ord`;

const decoder = new TextDecoder();

/** The canonical JSON as text (the feed's `data` column is TEXT). */
function textOf(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : decoder.decode(data);
}

export async function appendUpserts(
  client: PgClient,
  target: FeedTarget,
  upserts: PreparedUpsert[],
): Promise<void> {
  await client.query(APPEND_UPSERTS, [
    target.resourceCode,
    target.batchId,
    target.at,
    upserts.map((upsert) => upsert.key),
    upserts.map((upsert) => textOf(upsert.data)),
  ]);
}

export async function appendDeletes(
  client: PgClient,
  target: FeedTarget,
  deletes: PreparedDelete[],
): Promise<void> {
  await client.query(APPEND_DELETES, [
    target.resourceCode,
    target.batchId,
    target.at,
    deletes.map((removal) => removal.key),
  ]);
}
