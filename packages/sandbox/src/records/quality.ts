import type { Database } from 'better-sqlite3';
import type { StoredResource } from '../catalog/resource-store';
import type { ReportedRuns } from './sync-run-store';

const day = 24 * 60 * 60 * 1000;

/**
 * How long a resource may go without a push before it is stale: twice its declared cycle, so one late
 * delivery is tolerated and a missed one is not (a `daily` resource is stale after 2 days without data).
 * `other` has no declared rhythm and is never judged stale.
 */
export const staleAfterMs: Record<string, number | undefined> = {
  realtime: day,
  daily: 2 * day,
  weekly: 14 * day,
  monthly: 62 * day,
  quarterly: 184 * day,
  semiannual: 366 * day,
  annual: 731 * day,
  other: undefined,
};

/**
 * Rejects of both kinds over every row read: rows the clients refused before sending (from their run reports) and
 * operations the exchange rejected. Where more operations arrived than reported rows were read (pushes outside a
 * reported run), the operations stand in for the rows, so the rate stays within 0..1 and a resource without
 * reports shows the exchange's own rate.
 */
export function rowRejectRate(
  reported: ReportedRuns,
  operations: number,
  rejectedByExchange: number,
): number {
  const rows = Math.max(reported.rowsRead, operations);
  return rows === 0 ? 0 : Math.min(1, (reported.refusedLocally + rejectedByExchange) / rows);
}

export function measureQuality(db: Database, resource: StoredResource, now: number, reported: ReportedRuns) {
  const items = (resource.entry.items ?? []).map((item) => item.key).filter((key) => typeof key === 'string');
  const filledColumns = items
    .map(
      (_, i) =>
        `coalesce(sum(CASE WHEN json_extract(CAST(c.data AS TEXT), @p${i}) IS NOT NULL AND json_extract(CAST(c.data AS TEXT), @p${i}) <> '' THEN 1 ELSE 0 END), 0) AS f${i}`,
    )
    .join(', ');
  const params: Record<string, string> = { code: resource.code };
  items.forEach((item, i) => {
    params[`p${i}`] = `$."${item}"`;
  });
  const counts = db
    .prepare(
      `SELECT count(*) AS records${filledColumns ? `, ${filledColumns}` : ''}
       FROM records r JOIN changes c ON c.seq = r.seq WHERE r.resource_code = @code`,
    )
    .get(params) as Record<string, number>;
  const records = counts.records ?? 0;
  const pushes = db
    .prepare(
      `SELECT coalesce(sum(count), 0) AS operations, coalesce(sum(rejected), 0) AS rejected, max(created_at) AS last
       FROM batches WHERE resource_code = ?`,
    )
    .get(resource.code) as { operations: number; rejected: number; last: string | null };

  const threshold = staleAfterMs[resource.updateCycle];
  const since = Date.parse(pushes.last ?? resource.createdAt);
  const stale = threshold !== undefined && now - since > threshold;
  return {
    resource: resource.code,
    records,
    completeness: items.map((item, i) => {
      const filled = counts[`f${i}`] ?? 0;
      return { item, filled, ratio: records === 0 ? 0 : filled / records };
    }),
    rejectRate: pushes.operations === 0 ? 0 : pushes.rejected / pushes.operations,
    rowsRead: reported.rowsRead,
    refusedLocally: { total: reported.refusedLocally, byReason: reported.byReason },
    rejectedByExchange: pushes.rejected,
    rowRejectRate: rowRejectRate(reported, pushes.operations, pushes.rejected),
    lastPushAt: pushes.last,
    updateCycle: resource.updateCycle,
    stale,
    ...(stale && threshold !== undefined ? { staleSince: new Date(since + threshold).toISOString() } : {}),
  };
}
