import type { Database } from 'better-sqlite3';
import type { CatalogEntry } from '../catalog/resource-store';
import { comparePair } from '../quality/conflict-counts';
import type { ConflictReads } from './ports';

/**
 * The 多元校核 comparison on SQLite: the published entries, and each pair compared in SQL over the `records`
 * index, which `settleIndex` brings up to date with the change feed first.
 */
export function createSqliteConflictReads(db: Database, settleIndex: () => void): ConflictReads {
  const published = db.prepare(
    `SELECT r.code, r.provider_id, p.entry FROM resources r JOIN published_entries p ON p.resource_code = r.code
     WHERE r.status <> 'withdrawn' ORDER BY r.code`,
  );
  return {
    async publishedEntries() {
      return (published.all() as Array<{ code: string; provider_id: string; entry: string }>).map((row) => ({
        code: row.code,
        providerId: row.provider_id,
        entry: JSON.parse(row.entry) as CatalogEntry,
      }));
    },
    async comparePair(pair, elements, options) {
      settleIndex();
      return comparePair(db, pair, elements, options);
    },
  };
}
