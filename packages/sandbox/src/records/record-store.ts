import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database, Statement } from 'better-sqlite3';
import type { BatchWrite, ChangeRow, RecordRow, RecordStore, StoredBatchAnswer } from '../storage/ports';
import { CHUNK, ChunkStatements, type IndexEntry, RecordIndex } from './record-index';

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

/** What the batch transaction did: wrote the batch up to `lastSeq`, or found its key taken. */
type WriteOutcome = { written: IndexEntry[]; lastSeq: number } | { previous: StoredBatchAnswer };

/**
 * Records, their change feed and the batches that wrote them, on SQLite; prepared once, used per batch. Its
 * methods are asynchronous for the port; inside, each runs synchronously (one better-sqlite3 transaction at most).
 *
 * The change feed is the truth: a batch's upserts are appended to it in the batch's durable transaction. The
 * `records` index (key → latest change) follows the feed in key-sorted groups: see RecordIndex.
 */
export class SqliteRecordStore implements RecordStore {
  private readonly chunks: ChunkStatements;
  /** The `records` index; compaction and erasure (sqlite-retention.ts) settle and change it too. */
  readonly index: RecordIndex;
  private readonly insertChange: Statement;
  private readonly insertBatch: Statement;
  private readonly findBatchRow: Statement;
  private readonly pageRows: Statement;
  private readonly changesAfterRows: Statement;
  /** Writes a whole batch and the answer that describes it in ONE transaction: all of it or none of it. */
  private readonly writeAll: (
    resourceCode: string,
    upserts: PreparedUpsert[],
    deletes: PreparedDelete[],
    batch: BatchRow,
  ) => WriteOutcome;

  constructor(
    private readonly db: Database,
    options: RecordStoreOptions = {},
  ) {
    this.insertChange = db.prepare(
      'INSERT INTO changes (resource_code, op, record_key, data, batch_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertBatch = db.prepare(
      `INSERT INTO batches (id, department_id, idempotency_key, request_hash, resource_code, count, accepted, rejected,
         status_code, response, response_encoding, created_at)
       VALUES (@id, @departmentId, @idempotencyKey, @requestHash, @resourceCode, @count, @accepted, @rejected,
         @statusCode, @response, 'deflate-raw', @createdAt)`,
    );
    this.findBatchRow = db.prepare(
      `SELECT request_hash, status_code, response, response_encoding FROM batches
       WHERE department_id = ? AND idempotency_key = ?`,
    );
    this.pageRows = db.prepare(
      `SELECT r.record_key, CAST(c.data AS TEXT) AS data FROM records r JOIN changes c ON c.seq = r.seq
       WHERE r.resource_code = ? AND r.record_key > ? ORDER BY r.record_key LIMIT ?`,
    );
    this.changesAfterRows = db.prepare(
      `SELECT seq, op, record_key, CAST(data AS TEXT) AS data, at FROM changes
       WHERE resource_code = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.chunks = new ChunkStatements(db);
    this.index = new RecordIndex(db, this.chunks, {
      indexGroup: options.indexGroup ?? 50_000,
      indexIdleMs: options.indexIdleMs ?? 500,
    });
    this.writeAll = db.transaction(this.write.bind(this));
  }

  async writeBatch(
    resourceCode: string,
    upserts: PreparedUpsert[],
    deletes: PreparedDelete[],
    batch: BatchRow,
  ): Promise<BatchWrite> {
    if (deletes.length > 0) this.index.settle();
    const outcome = this.writeAll(resourceCode, upserts, deletes, batch);
    if ('previous' in outcome) return { written: false, previous: outcome.previous };
    this.index.afterWrite(outcome.written, outcome.lastSeq);
    return { written: true };
  }

  /** Brings the `records` index up to date with the feed (before a read that goes around the store). */
  settleIndex(): void {
    this.index.settle();
  }

  async findBatch(departmentId: string, idempotencyKey: string): Promise<StoredBatchAnswer | undefined> {
    return this.storedAnswer(departmentId, idempotencyKey);
  }

  /** The stored answer of a key, inflated back to the exact bytes first sent. */
  private storedAnswer(departmentId: string, idempotencyKey: string): StoredBatchAnswer | undefined {
    const row = this.findBatchRow.get(departmentId, idempotencyKey) as
      | { request_hash: string; status_code: number; response: Buffer; response_encoding: string }
      | undefined;
    if (!row) return undefined;
    const bytes =
      row.response_encoding === 'deflate-raw' ? inflateRawSync(row.response) : Buffer.from(row.response);
    return { requestHash: row.request_hash, statusCode: row.status_code, response: bytes.toString('utf8') };
  }

  async page(resourceCode: string, afterKey: string, limit: number): Promise<RecordRow[]> {
    this.index.settle();
    return this.pageRows.all(resourceCode, afterKey, limit) as RecordRow[];
  }

  async filteredPage(
    resourceCode: string,
    filters: Array<[string, string]>,
    afterKey: string,
    limit: number,
  ): Promise<RecordRow[]> {
    this.index.settle();
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
    return this.db.prepare(sql).all(params) as RecordRow[];
  }

  async changesAfter(resourceCode: string, afterSeq: number, limit: number): Promise<ChangeRow[]> {
    return this.changesAfterRows.all(resourceCode, afterSeq, limit) as ChangeRow[];
  }

  /**
   * The body of `writeAll`: unless the idempotency key is taken, upserts appended to the feed, deletes applied
   * to the index, the answer stored. The key's check is in the transaction, so that a request that found the key
   * free before it checked its records cannot write a second batch under it.
   */
  private write(
    resourceCode: string,
    upserts: PreparedUpsert[],
    deletes: PreparedDelete[],
    batch: BatchRow,
  ): WriteOutcome {
    const previous = this.storedAnswer(batch.departmentId, batch.idempotencyKey);
    if (previous) return { previous };
    const written: IndexEntry[] = [];
    let lastSeq = this.index.feedEnd;
    for (let start = 0; start < upserts.length; start += CHUNK) {
      const chunk = upserts.slice(start, start + CHUNK);
      const values: unknown[] = [];
      for (const upsert of chunk)
        values.push(resourceCode, upsert.key, upsert.data, batch.id, batch.createdAt);
      // One writer, one statement: the rows get consecutive rowids ending at the last one inserted.
      lastSeq = Number(this.chunks.of(chunk.length).changes.run(values).lastInsertRowid);
      const first = lastSeq - chunk.length + 1;
      chunk.forEach((upsert, i) => {
        written.push({ resource: resourceCode, key: upsert.key, seq: first + i });
      });
    }
    if (deletes.length > 0) {
      // A delete must know whether the key is there: the index is current (settled before), so the batch
      // updates it directly and it stays current.
      this.index.take(written);
      for (const removal of deletes) {
        if (this.index.remove(resourceCode, removal.key)) {
          lastSeq = Number(
            this.insertChange.run(resourceCode, 'delete', removal.key, null, batch.id, batch.createdAt)
              .lastInsertRowid,
          );
        }
      }
      this.index.markCurrentUpTo(lastSeq);
    }
    this.insertBatch.run({ ...batch, response: deflateRawSync(batch.response, { level: 1 }) });
    return { written: deletes.length > 0 ? [] : written, lastSeq };
  }
}

export function createRecordStore(db: Database, options: RecordStoreOptions = {}): SqliteRecordStore {
  return new SqliteRecordStore(db, options);
}
