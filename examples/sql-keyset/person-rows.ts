import { keysetRows } from '@unsilo/sdk/sources';
import type { Database } from 'better-sqlite3';

export interface PersonRowsOptions {
  /** Rows per query: one page is all the memory a read needs, whatever the table's size. */
  pageSize?: number;
  /** Only rows updated after this time (the checkpoint's watermark): an incremental read. */
  after?: string;
}

export interface PersonRow {
  id: number;
  updated_at: string;
  [column: string]: unknown;
}

/**
 * Reads `relief_person` in (updated_at, id) order with the SDK's keyset reader: the SDK writes the condition
 * "after the last row read" and checks the pages; this query, with better-sqlite3, is all the department writes.
 */
export function personRows(db: Database, options: PersonRowsOptions = {}): AsyncGenerator<PersonRow> {
  return keysetRows<PersonRow>({
    key: ['updated_at', 'id'],
    pageSize: options.pageSize ?? 1000,
    ...(options.after === undefined ? {} : { after: [options.after] }),
    query: ({ where, orderBy, params, limit }) =>
      db
        .prepare<unknown[], PersonRow>(
          `SELECT id, sfzh, xm, xb, csrq, mz, hjdq, jzlb, updated_at FROM relief_person
            WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`,
        )
        .all(...params),
  });
}
