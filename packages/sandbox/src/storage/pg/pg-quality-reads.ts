import type { QualityReads, ResourceFigures } from '../ports';
import type { PgPool } from './pool';

type FiguresRow = Record<string, number> & { operations: number; rejected: number; last: string | null };

/**
 * A resource's figures on PostgreSQL (see storage/sqlite-quality-reads.ts), records and batches read in one
 * statement (one snapshot). An item is filled, as there, when the record has it and it is neither JSON null nor
 * the empty string: numbers, booleans, objects count.
 */
export function createPgQualityReads(pool: PgPool): QualityReads {
  return {
    async figures(resourceCode, itemKeys): Promise<ResourceFigures> {
      // Only placeholders are generated; the item keys are parameters.
      const filled = itemKeys.map(
        (_, i) =>
          `count(*) FILTER (WHERE json_typeof(c.data::json -> $${i + 2}::text) <> 'null'
             AND (c.data::json -> $${i + 2}::text)::text <> '""') AS f${i}`,
      );
      const { rows } = await pool.query<FiguresRow>(
        `SELECT k.*, p.* FROM (
           SELECT count(*) AS records${filled.length > 0 ? `, ${filled.join(', ')}` : ''}
           FROM records r JOIN changes c ON c.seq = r.seq WHERE r.resource_code = $1
         ) k CROSS JOIN (
           SELECT coalesce(sum(count), 0) AS operations, coalesce(sum(rejected), 0) AS rejected,
             max(created_at) AS last
           FROM batches WHERE resource_code = $1
         ) p`,
        [resourceCode, ...itemKeys],
      );
      const row = rows[0]!;
      return {
        records: row.records ?? 0,
        filled: itemKeys.map((_, i) => row[`f${i}`] ?? 0),
        operations: row.operations,
        rejected: row.rejected,
        lastPushAt: row.last,
      };
    },
  };
}
