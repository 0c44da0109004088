import { inflateRawSync } from 'node:zlib';
import type { BatchRow, PreparedDelete, PreparedUpsert } from '../../records/record-store';
import type { BatchWrite, ChangeRow, RecordRow, RecordStore, StoredBatchAnswer } from '../ports';
import { appendDeletes, appendUpserts } from './pg-records-feed';
import { inTransaction, type PgClient, type PgPool } from './pool';

const FIND_BATCH = `SELECT request_hash, status_code, response, response_encoding FROM batches
  WHERE department_id = $1 AND idempotency_key = $2`;

/**
 * Claims the idempotency key by inserting the batch's row. A concurrent transaction that inserted the same key
 * makes this one wait for its end: after its COMMIT nothing is returned (the key is taken), after its ROLLBACK
 * the row goes in. A batch id already stored under another key is an error (a bug, not a race).
 */
const CLAIM_BATCH = `INSERT INTO batches (id, department_id, idempotency_key, request_hash, resource_code, count,
    accepted, rejected, status_code, response, response_encoding, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'identity', $11)
  ON CONFLICT (department_id, idempotency_key) DO NOTHING RETURNING id`;

const PAGE = `SELECT r.record_key, c.data FROM records r JOIN changes c ON c.seq = r.seq
  WHERE r.resource_code = $1 AND r.record_key > $2 ORDER BY r.record_key LIMIT $3`;

const CHANGES_AFTER = `SELECT seq, op, record_key, data, at FROM changes
  WHERE resource_code = $1 AND seq > $2 ORDER BY seq LIMIT $3`;

interface StoredBatchRow {
  request_hash: string;
  status_code: number;
  response: Buffer;
  response_encoding: string;
}

/** The stored answer as the exact bytes first sent (rows copied from SQLite may be deflated). */
function answerOf(row: StoredBatchRow): StoredBatchAnswer {
  const bytes = row.response_encoding === 'deflate-raw' ? inflateRawSync(row.response) : row.response;
  return { requestHash: row.request_hash, statusCode: row.status_code, response: bytes.toString('utf8') };
}

async function storedAnswer(
  client: PgClient | PgPool,
  departmentId: string,
  idempotencyKey: string,
): Promise<StoredBatchAnswer | undefined> {
  const { rows } = await client.query<StoredBatchRow>(FIND_BATCH, [departmentId, idempotencyKey]);
  return rows[0] ? answerOf(rows[0]) : undefined;
}

/**
 * The body of writeBatch, in its transaction: the key claimed first (nothing else written when it is taken),
 * then the upserts and deletes appended to the feed with the `records` index updated in the same statements.
 */
async function writeInTransaction(
  client: PgClient,
  resourceCode: string,
  upserts: PreparedUpsert[],
  deletes: PreparedDelete[],
  batch: BatchRow,
): Promise<BatchWrite> {
  const claimed = await client.query(CLAIM_BATCH, [
    batch.id,
    batch.departmentId,
    batch.idempotencyKey,
    batch.requestHash,
    batch.resourceCode,
    batch.count,
    batch.accepted,
    batch.rejected,
    batch.statusCode,
    Buffer.from(batch.response, 'utf8'),
    batch.createdAt,
  ]);
  if (claimed.rowCount === 0) {
    // The winner has committed (the insert waited for it): its answer is visible to this statement.
    const previous = await storedAnswer(client, batch.departmentId, batch.idempotencyKey);
    if (!previous) throw new Error('The idempotency key was taken but its batch cannot be read');
    return { written: false, previous };
  }
  if (upserts.length === 0 && deletes.length === 0) return { written: true };
  // FEED ORDER IS COMMIT ORDER. A follower reads `seq > cursor` and moves its cursor to the last seq it saw; a
  // plain sequence would let a concurrent writer that took lower seqs commit AFTER one that took higher seqs,
  // and the follower, already past them, would never see its changes. Holding the resource's lock from before
  // the first nextval until COMMIT (an xact lock is released after the commit is visible) makes writers of one
  // resource take their seqs and commit one after the other. A hash collision only serializes two resources.
  await client.query("SELECT pg_advisory_xact_lock(hashtext('changes:' || $1))", [resourceCode]);
  const at = { resourceCode, batchId: batch.id, at: batch.createdAt };
  if (upserts.length > 0) await appendUpserts(client, at, upserts);
  if (deletes.length > 0) await appendDeletes(client, at, deletes);
  return { written: true };
}

/**
 * Records, their change feed and the batches that wrote them, on PostgreSQL. Unlike the SQLite store, the
 * `records` index is updated in the batch's own transaction (several instances write and read it: no instance
 * may hold index entries in its memory), with one statement per table for the whole batch.
 */
export function createPgRecordStore(pool: PgPool): RecordStore {
  const page = async (resourceCode: string, afterKey: string, limit: number): Promise<RecordRow[]> =>
    (await pool.query<RecordRow>(PAGE, [resourceCode, afterKey, limit])).rows;
  return {
    findBatch: (departmentId, idempotencyKey) => storedAnswer(pool, departmentId, idempotencyKey),

    writeBatch: (resourceCode, upserts, deletes, batch) =>
      inTransaction(pool, (client) => writeInTransaction(client, resourceCode, upserts, deletes, batch)),

    page,

    async filteredPage(resourceCode, filters, afterKey, limit): Promise<RecordRow[]> {
      if (filters.length === 0) return page(resourceCode, afterKey, limit);
      // Only placeholders are generated; the items and values are parameters. unsilo_sqlite_text renders a JSON
      // value as the SQLite store's CAST(json_extract(…) AS TEXT) does (migration 003).
      const params: unknown[] = [resourceCode, afterKey, limit];
      const conditions = filters.map(([item, value]) => {
        params.push(item, value);
        return `unsilo_sqlite_text(c.data::json -> $${params.length - 1}::text) = $${params.length}`;
      });
      const sql = `SELECT r.record_key, c.data FROM records r JOIN changes c ON c.seq = r.seq
        WHERE r.resource_code = $1 AND r.record_key > $2 AND ${conditions.join(' AND ')}
        ORDER BY r.record_key LIMIT $3`;
      return (await pool.query<RecordRow>(sql, params)).rows;
    },

    async changesAfter(resourceCode, afterSeq, limit): Promise<ChangeRow[]> {
      return (await pool.query<ChangeRow>(CHANGES_AFTER, [resourceCode, afterSeq, limit])).rows;
    },
  };
}
