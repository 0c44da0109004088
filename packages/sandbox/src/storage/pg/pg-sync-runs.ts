import { randomUUID } from 'node:crypto';
import type { SyncRunStore } from '../ports';
import type { PgPool } from './pool';

/**
 * One statement, atomic on its own: a run id already reported for the resource keeps its row (and its id) and
 * takes the new figures; two instances saving the same run at once end with one row, the later figures.
 */
const SAVE = `INSERT INTO sync_runs (id, resource_code, department_id, run_id, mode, rows_read, accepted,
    refused_locally, refused_by_reason, started_at, finished_at, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (resource_code, run_id) DO UPDATE SET department_id = excluded.department_id,
    mode = excluded.mode, rows_read = excluded.rows_read, accepted = excluded.accepted,
    refused_locally = excluded.refused_locally, refused_by_reason = excluded.refused_by_reason,
    started_at = excluded.started_at, finished_at = excluded.finished_at, received_at = excluded.received_at
  RETURNING id`;

// sum() of BIGINT is NUMERIC, which pg reads as text: cast back (totals stay far below 2^63).
const SUMS = `SELECT coalesce(sum(rows_read), 0)::bigint AS "rowsRead",
  coalesce(sum(refused_locally), 0)::bigint AS refused
  FROM sync_runs WHERE resource_code = $1`;

/** Reasons in byte order of their names, as SQLite orders them. */
const REASONS = `SELECT r.key AS reason, sum(r.value::bigint)::bigint AS rows
  FROM sync_runs s, json_each_text(s.refused_by_reason::json) r
  WHERE s.resource_code = $1 GROUP BY r.key ORDER BY r.key COLLATE "C"`;

/** The sync runs providers' clients report, on PostgreSQL (see records/sync-run-store.ts). */
export function createPgSyncRunStore(pool: PgPool): SyncRunStore {
  return {
    async save(resourceCode, departmentId, report, receivedAt) {
      const fresh = randomUUID();
      const { rows } = await pool.query<{ id: string }>(SAVE, [
        fresh,
        resourceCode,
        departmentId,
        report.runId ?? null,
        report.mode ?? null,
        report.rowsRead,
        report.accepted,
        report.refusedLocally.total,
        JSON.stringify(report.refusedLocally.byReason),
        report.startedAt ?? null,
        report.finishedAt ?? null,
        receivedAt,
      ]);
      // The row kept its earlier id when it replaced a run reported before.
      const id = rows[0]!.id;
      return { run: { id, resource: resourceCode, receivedAt, report }, replaced: id !== fresh };
    },
    async totals(resourceCode) {
      const sums = (await pool.query<{ rowsRead: number; refused: number }>(SUMS, [resourceCode])).rows[0]!;
      const byReason: Record<string, number> = Object.create(null);
      const reasons = await pool.query<{ reason: string; rows: number }>(REASONS, [resourceCode]);
      for (const row of reasons.rows) byReason[row.reason] = row.rows;
      return { rowsRead: sums.rowsRead, refusedLocally: sums.refused, byReason };
    },
  };
}
