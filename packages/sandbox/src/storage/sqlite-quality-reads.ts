import type { Database } from 'better-sqlite3';
import type { QualityReads, ResourceFigures } from './ports';

/**
 * A resource's figures on SQLite, read around the record store: `settleIndex` brings the `records` index up to
 * date with the change feed first (it lags behind it by a group of upserts, see RecordIndex).
 */
export function createSqliteQualityReads(db: Database, settleIndex: () => void): QualityReads {
  const pushes = db.prepare(
    `SELECT coalesce(sum(count), 0) AS operations, coalesce(sum(rejected), 0) AS rejected, max(created_at) AS last
     FROM batches WHERE resource_code = ?`,
  );
  return {
    async figures(resourceCode, itemKeys): Promise<ResourceFigures> {
      settleIndex();
      const filledColumns = itemKeys
        .map(
          (_, i) =>
            `coalesce(sum(CASE WHEN json_extract(CAST(c.data AS TEXT), @p${i}) IS NOT NULL AND json_extract(CAST(c.data AS TEXT), @p${i}) <> '' THEN 1 ELSE 0 END), 0) AS f${i}`,
        )
        .join(', ');
      const params: Record<string, string> = { code: resourceCode };
      itemKeys.forEach((item, i) => {
        params[`p${i}`] = `$."${item}"`;
      });
      const counts = db
        .prepare(
          `SELECT count(*) AS records${filledColumns ? `, ${filledColumns}` : ''}
           FROM records r JOIN changes c ON c.seq = r.seq WHERE r.resource_code = @code`,
        )
        .get(params) as Record<string, number>;
      const pushed = pushes.get(resourceCode) as {
        operations: number;
        rejected: number;
        last: string | null;
      };
      return {
        records: counts.records ?? 0,
        filled: itemKeys.map((_, i) => counts[`f${i}`] ?? 0),
        operations: pushed.operations,
        rejected: pushed.rejected,
        lastPushAt: pushed.last,
      };
    },
  };
}
