import { keysetRows } from '@unsilo/sdk/sources';
import type { Database } from 'better-sqlite3';
import type { HouseholdRow } from './legacy-db';

/**
 * Reads `T_HJ_RK` in (GXSJ, ID) order, one page at a time, only rows updated after `after` (the checkpoint's
 * watermark) when it is given. The SDK writes the "after the last row read" condition and checks every page.
 */
export function householdRows(
  db: Database,
  options: { after?: string; pageSize?: number } = {},
): AsyncGenerator<HouseholdRow> {
  return keysetRows<HouseholdRow>({
    key: ['GXSJ', 'ID'],
    pageSize: options.pageSize ?? 500,
    ...(options.after === undefined ? {} : { after: [options.after] }),
    query: ({ where, orderBy, params, limit }) =>
      db
        .prepare<unknown[], HouseholdRow>(
          `SELECT ID, GMSFHM, XM, XB, CSRQ, HJDZ_XZQH, HH, YHZGX, GXSJ FROM T_HJ_RK
            WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`,
        )
        .all(...params),
  });
}
