import { SourceError } from './errors';

/** How the condition "after this position" is written for the database. */
export interface ConditionStyle {
  /** The SQL of each key column, most significant first. */
  columns: readonly string[];
  /** The placeholder of the n-th parameter (1-based). */
  placeholder: (n: number) => string;
  /** `(a, b) > (?, ?)` instead of `(a > ? OR (a = ? AND b > ?))`. */
  rowValues: boolean;
}

/** The condition always true: the first page has no position to follow. */
export const NO_CONDITION = '1 = 1';

/** A plain SQL identifier, safe to write into a query as it is. */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The SQL of the key columns: `keySql` when given (one per key column), else the key names themselves, which
 * must then be plain identifiers — anything else would be written into the query unchecked.
 */
export function keyColumnsSql(key: readonly string[], keySql: readonly string[] | undefined): string[] {
  if (keySql) {
    if (keySql.length !== key.length) {
      throw new SourceError(
        'keyset/options',
        `keySql has ${keySql.length} entries, the key ${key.length}`,
        `keySql 有 ${keySql.length} 项，而键有 ${key.length} 列`,
      );
    }
    return [...keySql];
  }
  const odd = key.find((name) => !PLAIN_IDENTIFIER.test(name));
  if (odd !== undefined) {
    throw new SourceError(
      'keyset/options',
      `key column ${JSON.stringify(odd)} is not a plain SQL identifier: give its SQL in keySql (e.g. a quoted name)`,
      `键列 ${JSON.stringify(odd)} 不是普通的 SQL 标识符：请在 keySql 中给出其 SQL 写法（如加引号的名称）`,
    );
  }
  return [...key];
}

/** How a key is compared with a bound: after it, at or after it (a range's start), or before it (a range's end). */
export type KeyComparison = '>' | '>=' | '<';

/**
 * The condition selecting the rows after `position` (the key of the last row read, or a prefix of it) in key
 * order, and its parameters. With a prefix, every row whose leading key columns equal it is skipped as well.
 */
export function conditionAfter(
  position: readonly unknown[],
  style: ConditionStyle,
): { where: string; params: unknown[] } {
  return keyCondition(position, '>', style);
}

/**
 * The condition comparing the key with `bound` (`>` after, `>=` at or after, `<` before), its placeholders
 * numbered from `firstParam`: `(a, b) < (?, ?)` as row values, else the portable OR form
 * `(a < ? OR (a = ? AND b < ?))`, where only the last column's comparison may be inclusive.
 */
export function keyCondition(
  bound: readonly unknown[],
  comparison: KeyComparison,
  style: ConditionStyle,
  firstParam = 1,
): { where: string; params: unknown[] } {
  const columns = style.columns.slice(0, bound.length);
  let n = firstParam - 1;
  const next = () => style.placeholder(++n);
  if (style.rowValues) {
    const where = `(${columns.join(', ')}) ${comparison} (${columns.map(next).join(', ')})`;
    return { where, params: [...bound] };
  }
  const strict = comparison === '<' ? '<' : '>';
  const params: unknown[] = [];
  const branches = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((before, j) => {
      params.push(bound[j]);
      return `${before} = ${next()}`;
    });
    params.push(bound[i]);
    const last = i === columns.length - 1 ? comparison : strict;
    const compared = `${column} ${last} ${next()}`;
    return equal.length === 0 ? compared : `(${[...equal, compared].join(' AND ')})`;
  });
  return { where: `(${branches.join(' OR ')})`, params };
}
