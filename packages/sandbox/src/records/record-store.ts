import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database, Statement } from 'better-sqlite3';

export interface PreparedUpsert {
  key: string;
  data: string;
}

export interface PreparedDelete {
  key: string;
}

export interface BatchRow {
  id: string;
  departmentId: string;
  idempotencyKey: string;
  requestHash: string;
  resourceCode: string;
  count: number;
  accepted: number;
  rejected: number;
  statusCode: number;
  response: string;
  createdAt: string;
}

/** Records, their change feed and the batches that wrote them; prepared once, used per batch. */
export function createRecordStore(db: Database) {
  const insertChange = db.prepare(
    'INSERT INTO changes (resource_code, op, record_key, data, batch_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteRecord = db.prepare('DELETE FROM records WHERE resource_code = ? AND record_key = ?');
  const insertBatch = db.prepare(
    `INSERT INTO batches (id, department_id, idempotency_key, request_hash, resource_code, count, accepted, rejected,
       status_code, response, response_encoding, created_at)
     VALUES (@id, @departmentId, @idempotencyKey, @requestHash, @resourceCode, @count, @accepted, @rejected,
       @statusCode, @response, 'deflate-raw', @createdAt)`,
  );
  const findBatch = db.prepare(
    `SELECT request_hash, status_code, response, response_encoding FROM batches
     WHERE department_id = ? AND idempotency_key = ?`,
  );
  const page = db.prepare(
    `SELECT r.record_key, c.data FROM records r JOIN changes c ON c.seq = r.seq
     WHERE r.resource_code = ? AND r.record_key > ? ORDER BY r.record_key LIMIT ?`,
  );
  const changesAfter = db.prepare(
    `SELECT seq, op, record_key, data, at FROM changes WHERE resource_code = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );

  // Upserts go in multi-row statements of up to CHUNK rows: one statement per row costs more than the row.
  const CHUNK = 100;
  const chunkStatements = new Map<number, { changes: Statement; records: Statement }>();
  const chunkOf = (rows: number) => {
    let statements = chunkStatements.get(rows);
    if (!statements) {
      statements = {
        changes: db.prepare(
          `INSERT INTO changes (resource_code, op, record_key, data, batch_id, at) VALUES ${Array(rows)
            .fill("(?, 'upsert', ?, ?, ?, ?)")
            .join(', ')}`,
        ),
        records: db.prepare(
          `INSERT INTO records (resource_code, record_key, seq) VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')}
           ON CONFLICT (resource_code, record_key) DO UPDATE SET seq = excluded.seq`,
        ),
      };
      chunkStatements.set(rows, statements);
    }
    return statements;
  };

  /** Writes a whole batch and the answer that describes it in ONE transaction: all of it or none of it. */
  const writeBatch: (
    resourceCode: string,
    upserts: PreparedUpsert[],
    deletes: PreparedDelete[],
    batch: BatchRow,
  ) => void = db.transaction(
    (resourceCode: string, upserts: PreparedUpsert[], deletes: PreparedDelete[], batch: BatchRow) => {
      for (let start = 0; start < upserts.length; start += CHUNK) {
        const chunk = upserts.slice(start, start + CHUNK);
        const statements = chunkOf(chunk.length);
        const changeValues: unknown[] = [];
        for (const upsert of chunk)
          changeValues.push(resourceCode, upsert.key, upsert.data, batch.id, batch.createdAt);
        // One writer, one statement: the rows get consecutive rowids ending at the last one inserted.
        const last = Number(statements.changes.run(changeValues).lastInsertRowid);
        const first = last - chunk.length + 1;
        const recordValues: unknown[] = [];
        chunk.forEach((upsert, i) => {
          recordValues.push(resourceCode, upsert.key, first + i);
        });
        statements.records.run(recordValues);
      }
      for (const removal of deletes) {
        if (deleteRecord.run(resourceCode, removal.key).changes === 1) {
          insertChange.run(resourceCode, 'delete', removal.key, null, batch.id, batch.createdAt);
        }
      }
      insertBatch.run({ ...batch, response: deflateRawSync(batch.response, { level: 1 }) });
    },
  );

  return {
    writeBatch,
    /** The stored answer of a key, inflated back to the exact bytes first sent. */
    findBatch(departmentId: string, idempotencyKey: string) {
      const row = findBatch.get(departmentId, idempotencyKey) as
        | { request_hash: string; status_code: number; response: Buffer; response_encoding: string }
        | undefined;
      if (!row) return undefined;
      const bytes =
        row.response_encoding === 'deflate-raw' ? inflateRawSync(row.response) : Buffer.from(row.response);
      return { requestHash: row.request_hash, statusCode: row.status_code, response: bytes.toString('utf8') };
    },
    page(resourceCode: string, afterKey: string, limit: number) {
      return page.all(resourceCode, afterKey, limit) as Array<{ record_key: string; data: string }>;
    },
    filteredPage(resourceCode: string, filters: Array<[string, string]>, afterKey: string, limit: number) {
      const conditions = filters.map((_, i) => `CAST(json_extract(c.data, @path${i}) AS TEXT) = @value${i}`);
      const params: Record<string, unknown> = { resourceCode, afterKey, limit };
      filters.forEach(([item, value], i) => {
        params[`path${i}`] = `$."${item}"`;
        params[`value${i}`] = value;
      });
      const sql = `SELECT r.record_key, c.data FROM records r JOIN changes c ON c.seq = r.seq
        WHERE r.resource_code = @resourceCode AND r.record_key > @afterKey
        AND ${conditions.join(' AND ')} ORDER BY r.record_key LIMIT @limit`;
      return db.prepare(sql).all(params) as Array<{ record_key: string; data: string }>;
    },
    changesAfter(resourceCode: string, afterSeq: number, limit: number) {
      return changesAfter.all(resourceCode, afterSeq, limit) as Array<{
        seq: number;
        op: 'upsert' | 'delete';
        record_key: string;
        data: string | null;
        at: string;
      }>;
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
