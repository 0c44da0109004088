import type { Database, Statement } from 'better-sqlite3';

/** An upsert of the change feed as the `records` index takes it: the key's latest change is `seq`. */
export interface IndexEntry {
  resource: string;
  key: string;
  seq: number;
}

/** Rows go in multi-row statements of up to CHUNK rows: one statement per row costs more than the row. */
export const CHUNK = 100;

/** The multi-row INSERT statements of the feed and of the index, prepared once per row count. */
export class ChunkStatements {
  private readonly byRows = new Map<number, { changes: Statement; records: Statement }>();

  constructor(private readonly db: Database) {}

  of(rows: number): { changes: Statement; records: Statement } {
    let statements = this.byRows.get(rows);
    if (!statements) {
      statements = {
        changes: this.db.prepare(
          `INSERT INTO changes (resource_code, op, record_key, data, batch_id, at) VALUES ${Array(rows)
            .fill("(?, 'upsert', ?, ?, ?, ?)")
            .join(', ')}`,
        ),
        records: this.db.prepare(
          `INSERT INTO records (resource_code, record_key, seq) VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')}
           ON CONFLICT (resource_code, record_key) DO UPDATE SET seq = excluded.seq`,
        ),
      };
      this.byRows.set(rows, statements);
    }
    return statements;
  }
}

export interface RecordIndexOptions {
  /** Upserts the index may lag behind the feed before it takes them. */
  indexGroup: number;
  /** Quiet time after the last batch before the index takes what it lags (ms; 0 = never). */
  indexIdleMs: number;
}

/**
 * The `records` index (key → latest change), derived from the change feed. It takes new upserts in groups,
 * sorted by key, because record keys (ID numbers and the like) arrive in random order: one batch of 1,000
 * random keys dirties about 1,000 pages of a large index, and each dirty page is written to the WAL in full at
 * every commit. In key order, a group of many batches dirties each page once. The index is brought up to date
 * before anything reads it and before a batch that deletes; `index_state` says up to which change it is
 * current, so after a crash the rest is replayed from the feed (replaying an upsert writes the same seq again:
 * harmless).
 */
export class RecordIndex {
  /** Upserts in the feed that the index has not taken yet, in feed order… */
  private pending: IndexEntry[] = [];
  /** …and the feed position they reach: the last change written. */
  feedEnd = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private settleScheduled = false;
  private readonly deleteRecord: Statement;
  private readonly setIndexedUpTo: Statement;
  private readonly takePending: (entries: IndexEntry[], upTo: number) => void;

  constructor(
    private readonly db: Database,
    private readonly chunks: ChunkStatements,
    private readonly options: RecordIndexOptions,
  ) {
    this.deleteRecord = db.prepare('DELETE FROM records WHERE resource_code = ? AND record_key = ?');
    this.setIndexedUpTo = db.prepare("UPDATE index_state SET seq = ? WHERE name = 'records'");
    this.takePending = db.transaction((entries: IndexEntry[], upTo: number) => {
      this.take(entries);
      this.markCurrentUpTo(upTo);
    });
    this.replayMissed();
  }

  /** Writes entries into the index now, inside the caller's transaction. */
  take(entries: IndexEntry[]): void {
    for (let start = 0; start < entries.length; start += CHUNK) {
      const chunk = entries.slice(start, start + CHUNK);
      const values: unknown[] = [];
      for (const entry of chunk) values.push(entry.resource, entry.key, entry.seq);
      this.chunks.of(chunk.length).records.run(values);
    }
  }

  /** Removes a key from the (current) index; true when it was there. */
  remove(resource: string, key: string): boolean {
    return this.deleteRecord.run(resource, key).changes === 1;
  }

  /** Records that the index is current up to change `seq`. */
  markCurrentUpTo(seq: number): void {
    this.setIndexedUpTo.run(seq);
  }

  /** Brings the index up to date with the feed. */
  readonly settle = (): void => {
    if (this.pending.length === 0 || !this.db.open) return;
    // Stable sort: among the entries of one key the last in feed order comes last, and it is the one kept.
    const sorted = [...this.pending].sort((a, b) =>
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
    const latest: IndexEntry[] = [];
    for (const entry of sorted) {
      const last = latest.at(-1);
      if (last && last.resource === entry.resource && last.key === entry.key)
        latest[latest.length - 1] = entry;
      else latest.push(entry);
    }
    this.takePending(latest, this.feedEnd);
    this.pending = [];
  };

  /**
   * After a batch wrote the feed up to `feedEnd`: its upserts the index did not take wait for a full group
   * or a quiet moment.
   */
  afterWrite(written: IndexEntry[], feedEnd: number): void {
    this.feedEnd = feedEnd;
    for (const entry of written) this.pending.push(entry);
    if (this.pending.length >= this.options.indexGroup && !this.settleScheduled) {
      // After the answer is on its way, not before.
      this.settleScheduled = true;
      setImmediate(() => {
        this.settleScheduled = false;
        this.settle();
      });
    }
    if (this.options.indexIdleMs > 0) {
      if (this.idleTimer) this.idleTimer.refresh();
      else this.idleTimer = setTimeout(this.settle, this.options.indexIdleMs).unref();
    }
  }

  /** Replays what the index missed before the process last stopped (at most a group of upserts). */
  private replayMissed(): void {
    const db = this.db;
    this.feedEnd = db.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number;
    const indexedUpTo = db.prepare("SELECT seq FROM index_state WHERE name = 'records'").pluck();
    const missed = db
      .prepare(
        'SELECT seq, resource_code AS resource, op, record_key AS key FROM changes WHERE seq > ? ORDER BY seq',
      )
      .all((indexedUpTo.get() as number | undefined) ?? 0) as Array<IndexEntry & { op: string }>;
    for (const change of missed) {
      if (change.op === 'upsert')
        this.pending.push({ resource: change.resource, key: change.key, seq: change.seq });
      else {
        this.settle();
        this.remove(change.resource, change.key);
      }
    }
    this.settle();
    this.markCurrentUpTo(this.feedEnd);
  }
}
