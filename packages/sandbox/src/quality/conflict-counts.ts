import type { ConflictPair, ConflictSource, ElementConflict } from '@unsilo/sdk/schemas';
import type { Database } from 'better-sqlite3';
import type { ElementItem, ResourcePair } from './conflict-sources';

/** A value of a record as text, trimmed; NULL when absent or null. */
function textOf(record: string, path: string): string {
  return `trim(CAST(json_extract(${record}, ${path}) AS TEXT))`;
}

/** The comparable form of a value: dates as YYYY-MM-DD (from YYYYMMDD or a date-time), identifiers upper case. */
function normalised(record: string, path: string, item: { date: boolean; upper: boolean }): string {
  const value = textOf(record, path);
  if (item.upper) return `upper(${value})`;
  if (!item.date) return value;
  return `(CASE WHEN ${value} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
    THEN substr(${value}, 1, 4) || '-' || substr(${value}, 5, 2) || '-' || substr(${value}, 7, 2)
    ELSE substr(${value}, 1, 10) END)`;
}

/** How each side's item of an element is read. */
function sideItem(item: ElementItem, element: string): { date: boolean; upper: boolean } {
  return { date: item.date, upper: element === 'person.id-number' || element === 'org.uscc' };
}

/**
 * The subjects both resources hold, each with the normalised values of the pair's elements (columns l0, r0, l1,
 * r1, …). Each side is read once into a materialised table keyed by its normalised subject, which SQLite joins
 * through an automatic index: one scan per resource, not one per subject.
 */
function joinedSubjects(pair: ResourcePair, elements: readonly string[]): string {
  const subject = (record: string, path: string) => normalised(record, path, { date: false, upper: true });
  const side = (resource: string, path: string) =>
    `SELECT ${subject('CAST(c.data AS TEXT)', path)} AS s, CAST(c.data AS TEXT) AS d
       FROM records r JOIN changes c ON c.seq = r.seq WHERE r.resource_code = ${resource}`;
  const columns = elements.map((element, i) => {
    const left = sideItem(pair.left.items.get(element)!, element);
    const right = sideItem(pair.right.items.get(element)!, element);
    const date = { date: left.date || right.date };
    return `${normalised('a.d', `@l${i}`, { ...left, ...date })} AS l${i},
      ${normalised('b.d', `@r${i}`, { ...right, ...date })} AS r${i}`;
  });
  return `WITH a AS MATERIALIZED (${side('@left', '@ls')}), b AS MATERIALIZED (${side('@right', '@rs')}),
    j AS (SELECT a.s AS s${columns.length > 0 ? `, ${columns.join(', ')}` : ''}
          FROM a JOIN b ON b.s = a.s WHERE a.s IS NOT NULL AND a.s <> '')`;
}

function pairParams(pair: ResourcePair, elements: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {
    left: pair.left.code,
    right: pair.right.code,
    ls: jsonPath(pair.left.subject.key),
    rs: jsonPath(pair.right.subject.key),
  };
  elements.forEach((element, i) => {
    params[`l${i}`] = jsonPath(pair.left.items.get(element)!.key);
    params[`r${i}`] = jsonPath(pair.right.items.get(element)!.key);
  });
  return params;
}

function jsonPath(key: string): string {
  return `$."${key}"`;
}

/** Keeps the first 6 and the last 4 characters of an identifier (the region and the check part of an ID). */
export function maskSubject(subject: string): string {
  if (subject.length <= 10) return '*'.repeat(subject.length);
  return `${subject.slice(0, 6)}${'*'.repeat(subject.length - 10)}${subject.slice(-4)}`;
}

export interface PairOptions {
  examples: number;
  /** Whether the caller may see the values of this pair (it may read both resources' records). */
  showExamples: boolean;
  authoritative: ReadonlyMap<string, ConflictSource | null>;
}

/** Both sides of element `i` hold a value. */
export const bothFilled = (i: number) => `l${i} <> '' AND r${i} <> ''`;

/** Per element `i`: subjects where both sides hold a value (`c<i>`), and where they differ (`n<i>`). */
export function elementFigures(elements: readonly string[]): string[] {
  return elements.map(
    (_, i) =>
      `count(DISTINCT CASE WHEN ${bothFilled(i)} THEN s END) AS c${i},
       count(DISTINCT CASE WHEN ${bothFilled(i)} AND l${i} <> r${i} THEN s END) AS n${i}`,
  );
}

/** One element's conflict from the counts and the examples read (subjects masked). */
export function elementConflict(
  pair: ResourcePair,
  element: string,
  i: number,
  counts: Record<string, number>,
  examples: ReadonlyArray<{ s: string; l: string; r: string }>,
  options: PairOptions,
): ElementConflict {
  const count = counts[`n${i}`] ?? 0;
  return {
    element,
    leftItem: pair.left.items.get(element)!.key,
    rightItem: pair.right.items.get(element)!.key,
    compared: counts[`c${i}`] ?? 0,
    count,
    authoritative: options.authoritative.get(element) ?? null,
    examples: examples.map((row) => ({ subject: maskSubject(row.s), left: row.l, right: row.r })),
    ...(count > 0 && !options.showExamples ? { examplesWithheld: true } : {}),
  };
}

/** The pair's answer: its sources, subject element, subjects compared and the conflicts per element. */
export function pairConflicts(
  pair: ResourcePair,
  counts: Record<string, number>,
  conflicts: ElementConflict[],
): ConflictPair {
  return {
    left: pair.left.source,
    right: pair.right.source,
    subjectElement: pair.left.subject.element,
    subjectsCompared: counts.subjects ?? 0,
    conflicts,
  };
}

/** Compares the two resources of a pair on `elements`: subjects compared and, per element, the disagreements. */

export function comparePair(
  db: Database,
  pair: ResourcePair,
  elements: readonly string[],
  options: PairOptions,
): ConflictPair {
  const joined = joinedSubjects(pair, elements);
  const params = pairParams(pair, elements);
  const both = bothFilled;
  const figures = elementFigures(elements);
  const counts = db
    .prepare(`${joined} SELECT count(DISTINCT s) AS subjects, ${figures.join(', ')} FROM j`)
    .get(params) as Record<string, number>;
  const conflicts: ElementConflict[] = elements.map((element, i) => {
    const count = counts[`n${i}`] ?? 0;
    const examples =
      count > 0 && options.showExamples && options.examples > 0
        ? (db
            .prepare(
              `${joined} SELECT s, l${i} AS l, r${i} AS r FROM j WHERE ${both(i)} AND l${i} <> r${i}
               ORDER BY s, l, r LIMIT @limit`,
            )
            .all({ ...params, limit: options.examples }) as Array<{ s: string; l: string; r: string }>)
        : [];
    return elementConflict(pair, element, i, counts, examples, options);
  });
  return pairConflicts(pair, counts, conflicts);
}
