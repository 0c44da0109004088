import type { ConflictPair, ElementConflict } from '@unsilo/sdk/schemas';
import type { CatalogEntry } from '../../catalog/resource-store';
import {
  bothFilled,
  elementConflict,
  elementFigures,
  type PairOptions,
  pairConflicts,
} from '../../quality/conflict-counts';
import type { ElementItem, ResourcePair } from '../../quality/conflict-sources';
import type { ConflictReads } from '../ports';
import type { PgPool } from './pool';

const PUBLISHED = `SELECT r.code, r.provider_id, p.entry FROM resources r
  JOIN published_entries p ON p.resource_code = r.code
  WHERE r.status <> 'withdrawn' ORDER BY r.code COLLATE "C"`;

/**
 * A value of a record as text, trimmed; NULL when absent or null. unsilo_sqlite_text (migration 003) renders it
 * as SQLite's CAST(json_extract(…) AS TEXT) does, so that both stores compare the same strings.
 */
function textOf(record: string, key: string): string {
  return `trim(unsilo_sqlite_text(${record}::json -> ${key}::text))`;
}

/** The comparable form of a value, as quality/conflict-counts.ts has it. In "C", upper() is ASCII only, as in
 * SQLite; `[0-9]{8}` is its GLOB '[0-9]…' (which matches the whole value). */
function normalised(record: string, key: string, item: { date: boolean; upper: boolean }): string {
  const value = textOf(record, key);
  if (item.upper) return `upper(${value} COLLATE "C")`;
  if (!item.date) return value;
  return `(CASE WHEN ${value} ~ '^[0-9]{8}$'
    THEN substr(${value}, 1, 4) || '-' || substr(${value}, 5, 2) || '-' || substr(${value}, 7, 2)
    ELSE substr(${value}, 1, 10) END)`;
}

function sideItem(item: ElementItem, element: string): { date: boolean; upper: boolean } {
  return { date: item.date, upper: element === 'person.id-number' || element === 'org.uscc' };
}

/**
 * The subjects both resources hold with the normalised values of the pair's elements (l0, r0, l1, r1, …), and
 * the parameters: $1/$2 the resources, $3/$4 their subject items, then each element's left and right item.
 * Each side is read once (MATERIALIZED) and the two joined on the subject by hash.
 */
function joinedSubjects(pair: ResourcePair, elements: readonly string[]): { sql: string; params: string[] } {
  const params = [pair.left.code, pair.right.code, pair.left.subject.key, pair.right.subject.key];
  const subject = (key: string) => normalised('c.data', key, { date: false, upper: true });
  const side = (resource: string, key: string) =>
    `SELECT ${subject(key)} AS s, c.data AS d
       FROM records r JOIN changes c ON c.seq = r.seq WHERE r.resource_code = ${resource}`;
  const columns = elements.map((element, i) => {
    const leftItem = pair.left.items.get(element)!;
    const rightItem = pair.right.items.get(element)!;
    params.push(leftItem.key, rightItem.key);
    const left = sideItem(leftItem, element);
    const right = sideItem(rightItem, element);
    const date = { date: left.date || right.date };
    return `${normalised('a.d', `$${params.length - 1}`, { ...left, ...date })} AS l${i},
      ${normalised('b.d', `$${params.length}`, { ...right, ...date })} AS r${i}`;
  });
  const sql = `WITH a AS MATERIALIZED (${side('$1', '$3')}), b AS MATERIALIZED (${side('$2', '$4')}),
    j AS (SELECT a.s AS s${columns.length > 0 ? `, ${columns.join(', ')}` : ''}
          FROM a JOIN b ON b.s = a.s WHERE a.s IS NOT NULL AND a.s <> '')`;
  return { sql, params };
}

async function comparePairPg(
  pool: PgPool,
  pair: ResourcePair,
  elements: readonly string[],
  options: PairOptions,
): Promise<ConflictPair> {
  const joined = joinedSubjects(pair, elements);
  const both = bothFilled;
  const figures = elementFigures(elements);
  const counted = await pool.query<Record<string, number>>(
    `${joined.sql} SELECT count(DISTINCT s) AS subjects${figures.length > 0 ? `, ${figures.join(', ')}` : ''} FROM j`,
    joined.params,
  );
  const counts = counted.rows[0] ?? {};
  const limit = `$${joined.params.length + 1}`;
  const conflicts: ElementConflict[] = [];
  for (const [i, element] of elements.entries()) {
    const count = counts[`n${i}`] ?? 0;
    // Byte order, as SQLite's BINARY: the examples shown do not depend on the database's locale.
    const examples =
      count > 0 && options.showExamples && options.examples > 0
        ? (
            await pool.query<{ s: string; l: string; r: string }>(
              `${joined.sql} SELECT s, l${i} AS l, r${i} AS r FROM j WHERE ${both(i)} AND l${i} <> r${i}
               ORDER BY s COLLATE "C", l${i} COLLATE "C", r${i} COLLATE "C" LIMIT ${limit}`,
              [...joined.params, options.examples],
            )
          ).rows
        : [];
    conflicts.push(elementConflict(pair, element, i, counts, examples, options));
  }
  return pairConflicts(pair, counts, conflicts);
}

/** The 多元校核 comparison on PostgreSQL (see storage/sqlite-conflict-reads.ts and quality/conflict-counts.ts). */
export function createPgConflictReads(pool: PgPool): ConflictReads {
  return {
    async publishedEntries() {
      const { rows } = await pool.query<{ code: string; provider_id: string; entry: string }>(PUBLISHED);
      return rows.map((row) => ({
        code: row.code,
        providerId: row.provider_id,
        entry: JSON.parse(row.entry) as CatalogEntry,
      }));
    },
    comparePair: (pair, elements, options) => comparePairPg(pool, pair, elements, options),
  };
}
