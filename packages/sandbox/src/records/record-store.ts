import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database, Statement } from 'better-sqlite3';

export interface PreparedUpsert {
  key: string;
  /** The record's canonical JSON: text, or its UTF-8 bytes (stored as they are, as a BLOB). */
  data: string | Uint8Array;
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

export interface RecordStoreOptions {
  /** Upserts the `records` index may lag behind the feed before it takes them (default 50,000). */
  indexGroup?: number;
  /** Quiet time after the last batch before the index takes what it lags (ms, default 500; 0 = never). */
  indexIdleMs?: number;
}

interface PendingEntry {
  resource: string;
  key: string;
  seq: number;
}

/**
 * Records, their change feed and the batches that wrote them; prepared once, used per batch.
 *
 * The change feed is the truth: a batch's upserts are appended to it in the batch's durable transaction. The
 * `records` index (key → latest change) is derived from the feed and takes new upserts in groups, sorted by key,
 * because record keys (ID numbers and the like) arrive in random order: one batch of 1,000 random keys dirties
 * about 1,000 pages of a large index, and each dirty page is written to the WAL in full at every commit. In key
 * order, a group of many batches dirties each page once. The index is brought up to date before anything reads
 * it and before a batch that deletes; `index_state` says up to which change it is current, so after a crash the
 * rest is replayed from the feed (replaying an upsert writes the same seq again: harmless).
 */
export function createRecordStore(db: Database, options: RecordStoreOptions = {}) {
  const indexGroup = options.indexGroup ?? 50_000;
  const indexIdleMs = options.indexIdleMs ?? 500;
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
    `SELECT r.record_key, CAST(c.data AS TEXT) AS data FROM records r JOIN changes c ON c.seq = r.seq
     WHERE r.resource_code = ? AND r.record_key > ? ORDER BY r.record_key LIMIT ?`,
  );
  const changesAfter = db.prepare(
    `SELECT seq, op, record_key, CAST(data AS TEXT) AS data, at FROM changes
     WHERE resource_code = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const indexedUpTo = db.prepare("SELECT seq FROM index_state WHERE name = 'records'").pluck();
  const setIndexedUpTo = db.prepare("UPDATE index_state SET seq = ? WHERE name = 'records'");
  const feedAfter = db.prepare(
    'SELECT seq, resource_code AS resource, op, record_key AS key FROM changes WHERE seq > ? ORDER BY seq',
  );

  // Rows go in multi-row statements of up to CHUNK rows: one statement per row costs more than the row.
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

  const indexEntries = (entries: PendingEntry[]) => {
    for (let start = 0; start < entries.length; start += CHUNK) {
      const chunk = entries.slice(start, start + CHUNK);
      const values: unknown[] = [];
      for (const entry of chunk) values.push(entry.resource, entry.key, entry.seq);
      chunkOf(chunk.length).records.run(values);
    }
  };

  /** Upserts in the feed that the index has not taken yet, in feed order; and the feed position they reach. */
  let pending: PendingEntry[] = [];
  let feedEnd = 0;

  const takePending = db.transaction((entries: PendingEntry[], upTo: number) => {
    indexEntries(entries);
    setIndexedUpTo.run(upTo);
  });

  /** Brings the `records` index up to date with the feed. */
  const settleIndex = () => {
    if (pending.length === 0 || !db.open) return;
    // Stable sort: among the entries of one key the last in feed order comes last, and it is the one kept.
    const sorted = [...pending].sort((a, b) =>
      a.resource === b.resource
        ? a.key < b.key
          ? -1
          : a.key > b.key
            ? 1
            : 0
        : a.resource < b.resource
          ? -1
          : 1,
    );
    const latest: PendingEntry[] = [];
    for (const entry of sorted) {
      const last = latest.at(-1);
      if (last && last.resource === entry.resource && last.key === entry.key)
        latest[latest.length - 1] = entry;
      else latest.push(entry);
    }
    takePending(latest, feedEnd);
    pending = [];
  };

  let idleTimer: NodeJS.Timeout | undefined;
  let settleScheduled = false;
  const afterWrite = () => {
    if (pending.length >= indexGroup) {
      // After the answer is on its way, not before.
      if (!settleScheduled) {
        settleScheduled = true;
        setImmediate(() => {
          settleScheduled = false;
          settleIndex();
        });
      }
    }
    if (indexIdleMs > 0) {
      if (idleTimer) idleTimer.refresh();
      else idleTimer = setTimeout(settleIndex, indexIdleMs).unref();
    }
  };

  // Replay what the index missed before the process last stopped (at most a group of upserts).
  {
    feedEnd = db.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number;
    const missed = feedAfter.all((indexedUpTo.get() as number | undefined) ?? 0) as Array<
      PendingEntry & { op: string }
    >;
    for (const change of missed) {
      if (change.op === 'upsert')
        pending.push({ resource: change.resource, key: change.key, seq: change.seq });
      else {
        settleIndex();
        deleteRecord.run(change.resource, change.key);
      }
    }
    settleIndex();
    setIndexedUpTo.run(feedEnd);
  }

  /** Writes a whole batch and the answer that describes it in ONE transaction: all of it or none of it. */
  const writeAll = db.transaction(
    (resourceCode: string, upserts: PreparedUpsert[], deletes: PreparedDelete[], batch: BatchRow) => {
      const written: PendingEntry[] = [];
      let lastSeq = feedEnd;
      for (let start = 0; start < upserts.length; start += CHUNK) {
        const chunk = upserts.slice(start, start + CHUNK);
        const values: unknown[] = [];
        for (const upsert of chunk)
          values.push(resourceCode, upsert.key, upsert.data, batch.id, batch.createdAt);
        // One writer, one statement: the rows get consecutive rowids ending at the last one inserted.
        lastSeq = Number(chunkOf(chunk.length).changes.run(values).lastInsertRowid);
        const first = lastSeq - chunk.length + 1;
        chunk.forEach((upsert, i) => {
          written.push({ resource: resourceCode, key: upsert.key, seq: first + i });
        });
      }
      if (deletes.length > 0) {
        // A delete must know whether the key is there: the index is current (settled before), so the batch
        // updates it directly and it stays current.
        indexEntries(written);
        for (const removal of deletes) {
          if (deleteRecord.run(resourceCode, removal.key).changes === 1) {
            lastSeq = Number(
              insertChange.run(resourceCode, 'delete', removal.key, null, batch.id, batch.createdAt)
                .lastInsertRowid,
            );
          }
        }
        setIndexedUpTo.run(lastSeq);
      }
      insertBatch.run({ ...batch, response: deflateRawSync(batch.response, { level: 1 }) });
      return { written: deletes.length > 0 ? [] : written, lastSeq };
    },
  );

  const writeBatch = (
    resourceCode: string,
    upserts: PreparedUpsert[],
    deletes: PreparedDelete[],
    batch: BatchRow,
  ) => {
    if (deletes.length > 0) settleIndex();
    const { written, lastSeq } = writeAll(resourceCode, upserts, deletes, batch);
    feedEnd = lastSeq;
    for (const entry of written) pending.push(entry);
    afterWrite();
  };

  return {
    writeBatch,
    settleIndex,
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
      settleIndex();
      return page.all(resourceCode, afterKey, limit) as Array<{ record_key: string; data: string }>;
    },
    filteredPage(resourceCode: string, filters: Array<[string, string]>, afterKey: string, limit: number) {
      settleIndex();
      const conditions = filters.map(
        (_, i) => `CAST(json_extract(CAST(c.data AS TEXT), @path${i}) AS TEXT) = @value${i}`,
      );
      const params: Record<string, unknown> = { resourceCode, afterKey, limit };
      filters.forEach(([item, value], i) => {
        params[`path${i}`] = `$."${item}"`;
        params[`value${i}`] = value;
      });
      const sql = `SELECT r.record_key, CAST(c.data AS TEXT) AS data FROM records r JOIN changes c ON c.seq = r.seq
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
