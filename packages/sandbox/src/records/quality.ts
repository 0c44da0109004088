import type { StoredResource } from '../catalog/resource-store';
import type { ResourceFigures } from '../storage/ports';
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

/** The quality figures of a resource, from what its stored records and batches add up to. */
export function measureQuality(
  resource: StoredResource,
  itemKeys: readonly string[],
  figures: ResourceFigures,
  now: number,
  reported: ReportedRuns,
) {
  const { records, operations, rejected, lastPushAt } = figures;
  const threshold = staleAfterMs[resource.updateCycle];
  const since = Date.parse(lastPushAt ?? resource.createdAt);
  const stale = threshold !== undefined && now - since > threshold;
  return {
    resource: resource.code,
    records,
    completeness: itemKeys.map((item, i) => {
      const filled = figures.filled[i] ?? 0;
      return { item, filled, ratio: records === 0 ? 0 : filled / records };
    }),
    rejectRate: operations === 0 ? 0 : rejected / operations,
    rowsRead: reported.rowsRead,
    refusedLocally: { total: reported.refusedLocally, byReason: reported.byReason },
    rejectedByExchange: rejected,
    rowRejectRate: rowRejectRate(reported, operations, rejected),
    lastPushAt,
    updateCycle: resource.updateCycle,
    stale,
    ...(stale && threshold !== undefined ? { staleSince: new Date(since + threshold).toISOString() } : {}),
  };
}

/** The item keys of an entry, in its order: the items whose completeness is measured. */
export function measuredItems(resource: StoredResource): string[] {
  return (resource.entry.items ?? []).map((item) => item.key).filter((key) => typeof key === 'string');
}
