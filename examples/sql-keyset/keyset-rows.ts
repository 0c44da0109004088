import type { Database } from 'better-sqlite3';

export interface KeysetOptions {
  /** Rows per query: one page is all the memory a read needs, whatever the table's size. */
  pageSize?: number;
  /** Only rows updated after this time (the checkpoint's watermark): an incremental read. */
  after?: string;
}

interface PersonRow {
  id: number;
  updated_at: string;
  [column: string]: unknown;
}

/**
 * Reads `relief_person` page by page in (updated_at, id) order with keyset pagination: each query starts
 * right after the last row of the previous page, so a page costs the same at row 10 and at row 10,000,000
 * (unlike OFFSET, which rescans everything it skips) and no cursor is held open between pages.
 */
export async function* keysetRows(db: Database, options: KeysetOptions = {}): AsyncGenerator<PersonRow> {
  const pageSize = options.pageSize ?? 1000;
  const page = db.prepare<[string, string, number, number], PersonRow>(
    `SELECT id, sfzh, xm, xb, csrq, mz, hjdq, jzlb, updated_at FROM relief_person
      WHERE updated_at > ? OR (updated_at = ? AND id > ?)
      ORDER BY updated_at, id
      LIMIT ?`,
  );
  let lastUpdated = options.after ?? '';
  let lastId = options.after === undefined ? -1 : Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = page.all(lastUpdated, lastUpdated, lastId, pageSize);
    for (const row of rows) yield row;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    lastUpdated = last.updated_at;
    lastId = last.id;
  }
}
