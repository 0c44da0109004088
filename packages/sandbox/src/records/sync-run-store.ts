import { randomUUID } from 'node:crypto';
import type { SyncRunReport } from '@unsilo/sdk/schemas';
import type { Database } from 'better-sqlite3';
import type { SyncRunStore } from '../storage/ports';

/** What the reported runs of a resource add up to. */
export interface ReportedRuns {
  rowsRead: number;
  refusedLocally: number;
  /** Rows per reason, over every run; no prototype (reasons are the clients' words). */
  byReason: Record<string, number>;
}

export function createSyncRunStore(db: Database): SyncRunStore {
  const findByRun = db.prepare('SELECT id FROM sync_runs WHERE resource_code = ? AND run_id = ?');
  const upsert = db.prepare(
    `INSERT INTO sync_runs (id, resource_code, department_id, run_id, mode, rows_read, accepted, refused_locally,
       refused_by_reason, started_at, finished_at, received_at)
     VALUES (@id, @resource, @department, @runId, @mode, @rowsRead, @accepted, @refused, @byReason, @startedAt,
       @finishedAt, @receivedAt)
     ON CONFLICT (resource_code, run_id) DO UPDATE SET department_id = excluded.department_id,
       mode = excluded.mode, rows_read = excluded.rows_read, accepted = excluded.accepted,
       refused_locally = excluded.refused_locally, refused_by_reason = excluded.refused_by_reason,
       started_at = excluded.started_at, finished_at = excluded.finished_at, received_at = excluded.received_at`,
  );
  const sums = db.prepare(
    `SELECT coalesce(sum(rows_read), 0) AS rowsRead, coalesce(sum(refused_locally), 0) AS refused
     FROM sync_runs WHERE resource_code = ?`,
  );
  const reasons = db.prepare(
    `SELECT r.key AS reason, sum(r.value) AS rows FROM sync_runs s, json_each(s.refused_by_reason) r
     WHERE s.resource_code = ? GROUP BY r.key ORDER BY r.key`,
  );
  const saveInOneTransaction = db.transaction(
    (resourceCode: string, departmentId: string, report: SyncRunReport, receivedAt: string) => {
      const earlier = report.runId
        ? (findByRun.get(resourceCode, report.runId) as { id: string } | undefined)
        : undefined;
      const id = earlier?.id ?? randomUUID();
      upsert.run({
        id,
        resource: resourceCode,
        department: departmentId,
        runId: report.runId ?? null,
        mode: report.mode ?? null,
        rowsRead: report.rowsRead,
        accepted: report.accepted,
        refused: report.refusedLocally.total,
        byReason: JSON.stringify(report.refusedLocally.byReason),
        startedAt: report.startedAt ?? null,
        finishedAt: report.finishedAt ?? null,
        receivedAt,
      });
      return { run: { id, resource: resourceCode, receivedAt, report }, replaced: earlier !== undefined };
    },
  );
  return {
    save: async (resourceCode, departmentId, report, receivedAt) =>
      saveInOneTransaction(resourceCode, departmentId, report, receivedAt),
    async totals(resourceCode) {
      const { rowsRead, refused } = sums.get(resourceCode) as { rowsRead: number; refused: number };
      const byReason: Record<string, number> = Object.create(null);
      for (const row of reasons.all(resourceCode) as Array<{ reason: string; rows: number }>) {
        byReason[row.reason] = row.rows;
      }
      return { rowsRead, refusedLocally: refused, byReason };
    },
  };
}
