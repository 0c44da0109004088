import { zCatalogEntry } from '@unsilo/sdk/schemas';
import type { Database } from 'better-sqlite3';

/**
 * Codes of stored entries (working or published version) that the contract's `CatalogEntry` schema refuses.
 * Today's exchange refuses such entries before storing them; a database written by an earlier version may still
 * hold some, and every answer that carries one would fail the contract. Found at start so the operator is told
 * which, instead of meeting a 500 later.
 */
export function entriesOutsideContract(db: Database): string[] {
  const rows = db
    .prepare(
      `SELECT r.code AS code, r.entry AS entry, p.entry AS published FROM resources r
       LEFT JOIN published_entries p ON p.resource_code = r.code ORDER BY r.code`,
    )
    .all() as Array<{ code: string; entry: string; published: string | null }>;
  return rows
    .filter((row) => !conforms(row.entry) || (row.published !== null && !conforms(row.published)))
    .map((row) => row.code);
}

function conforms(text: string): boolean {
  try {
    return zCatalogEntry.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}
