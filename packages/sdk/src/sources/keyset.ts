import { SourceError } from './errors';
import { type ConditionStyle, keyColumnsSql, keyCondition, NO_CONDITION } from './keyset-condition';

/** What a page query is given. Write `where` and `orderBy` into the SQL as they are, and bind `params`. */
export interface KeysetPage {
  /**
   * The rows after the last one read: `1 = 1` on the first page (without `after` or `from`), then e.g.
   * `(updated_at > ? OR (updated_at = ? AND id > ?))`; with `before`, `AND` the condition of the range's end.
   */
  where: string;
  /** The parameters of `where`, in order. */
  params: unknown[];
  /** The key columns, e.g. `updated_at, id`: the order the page must be read in. */
  orderBy: string;
  /** The most rows to read: a positive integer, safe to write into the SQL (`LIMIT ${limit}`). */
  limit: number;
  /** The key of the last row read (or the `after` given), undefined on a first page. */
  after: readonly unknown[] | undefined;
}

/** Reads one page of rows with the database's driver; the SDK never loads a driver itself. */
export type KeysetQuery<Row> = (page: KeysetPage) => readonly Row[] | Promise<readonly Row[]>;

export interface KeysetOptions<Row> {
  /**
   * Reads one page, e.g. with better-sqlite3:
   * `({ where, orderBy, params, limit }) => db.prepare(`SELECT … FROM t WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`).all(...params)`.
   */
  query: KeysetQuery<Row>;
  /**
   * The columns that order the rows, most significant first, as the rows carry them; together they must be
   * unique (end with the primary key), e.g. `['updated_at', 'id']`.
   */
  key: readonly string[];
  /** The SQL of each key column when a name is not a plain identifier (`"更新时间"`, `t.updated_at`). */
  keySql?: readonly string[];
  /** The placeholder of the n-th parameter (1-based): `?` by default; `(n) => `$${n}`` for PostgreSQL. */
  placeholder?: (n: number) => string;
  /** Compare as row values, `(a, b) > (?, ?)` (PostgreSQL, SQLite, MySQL); default: the portable OR form. */
  rowValues?: boolean;
  /** Rows per query (default 1,000): one page is all the memory a read holds, whatever the table's size. */
  pageSize?: number;
  /**
   * Start after this position: the key of a row (resume after it) or a prefix of the key (e.g. the update
   * time of a watermark: every row at or before it is skipped).
   */
  after?: readonly unknown[];
  /**
   * Start at this key (a whole key), the row holding it included: the start of a key range (see
   * `planKeysetShards`). Not with `after`, which already starts inside the range when resuming one.
   */
  from?: readonly unknown[];
  /**
   * Stop before this key (a whole key), the row holding it excluded: the end of a key range, which the next range
   * starts `from`. Every page's condition carries it, so the database reads nothing beyond it.
   */
  before?: readonly unknown[];
}

/**
 * Reads a table page by page with keyset pagination: each query starts right after the last row of the
 * previous one (`WHERE (key) > (last key) ORDER BY key LIMIT n`), so a page costs the same at row 10 and at row
 * 10,000,000 (OFFSET rescans everything it skips), no cursor is held open between pages, and a row changed
 * while the table is read is neither read twice nor skipped for having moved. The rows are yielded as the
 * query returns them. A query that does not follow the position, or a key that is not unique, stops the read
 * with a `SourceError` rather than doubling or losing rows. With `from` and `before` it reads one key range
 * [from, before) of a table, e.g. one shard of a `planKeysetShards` plan.
 */
export async function* keysetRows<Row extends object>(options: KeysetOptions<Row>): AsyncGenerator<Row> {
  const { key, pageSize, after, from, before } = checkedOptions(options);
  const style: ConditionStyle = {
    columns: keyColumnsSql(key, options.keySql),
    placeholder: options.placeholder ?? (() => '?'),
    rowValues: options.rowValues ?? false,
  };
  const orderBy = style.columns.join(', ');
  let position = after;
  for (;;) {
    const start = position
      ? { bound: position, comparison: '>' as const }
      : from && { bound: from, comparison: '>=' as const };
    const condition = pageCondition(style, start, before);
    const rows = await options.query({ ...condition, orderBy, limit: pageSize, after: position });
    const last = checkedPage(rows, key, position, before);
    yield* rows;
    if (rows.length < pageSize || !last) return;
    position = last;
  }
}

/** The condition of one page: after its start (the last row read, or the range's start) and before the range's end. */
function pageCondition(
  style: ConditionStyle,
  start: { bound: readonly unknown[]; comparison: '>' | '>=' } | undefined,
  before: readonly unknown[] | undefined,
): { where: string; params: unknown[] } {
  const parts: { where: string; params: unknown[] }[] = [];
  if (start) parts.push(keyCondition(start.bound, start.comparison, style));
  if (before) parts.push(keyCondition(before, '<', style, (parts[0]?.params.length ?? 0) + 1));
  if (parts.length === 0) return { where: NO_CONDITION, params: [] };
  return {
    where: parts.map((part) => part.where).join(' AND '),
    params: parts.flatMap((part) => part.params),
  };
}

interface CheckedOptions {
  key: readonly string[];
  pageSize: number;
  after: readonly unknown[] | undefined;
  from: readonly unknown[] | undefined;
  before: readonly unknown[] | undefined;
}

function checkedOptions<Row>(options: KeysetOptions<Row>): CheckedOptions {
  const { key, pageSize = 1000, after, from, before } = options;
  if (key.length === 0) {
    throw new SourceError('keyset/options', 'the key has no column', '键没有任何列');
  }
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new SourceError(
      'keyset/options',
      `pageSize must be a positive integer, got ${pageSize}`,
      `pageSize 应为正整数，实为 ${pageSize}`,
    );
  }
  if (after && (after.length > key.length || after.some(isNull))) {
    throw new SourceError(
      'keyset/options',
      `after must give 1 to ${key.length} key values, none of them null`,
      `after 应给出 1 至 ${key.length} 个键值，且均不为空`,
    );
  }
  if (from && after) {
    throw new SourceError(
      'keyset/options',
      'give from or after, not both: after (the last row read) already lies inside the range',
      'from 与 after 只能给出其一：after（已读的最后一行）已位于范围之内',
    );
  }
  return {
    key,
    pageSize,
    after: after && after.length > 0 ? [...after] : undefined,
    from: from && wholeKey(from, key, 'from'),
    before: before && wholeKey(before, key, 'before'),
  };
}

/** A range bound: one value per key column, none of them null. */
function wholeKey(bound: readonly unknown[], key: readonly string[], name: string): unknown[] {
  if (bound.length !== key.length || bound.some(isNull)) {
    throw new SourceError(
      'keyset/options',
      `${name} must give ${key.length} key values (a whole key), none of them null`,
      `${name} 应给出 ${key.length} 个键值（完整的键），且均不为空`,
    );
  }
  return [...bound];
}

/** The key of a row, in key order; a key column without a value cannot be paged after. */
function keyOf(row: object, key: readonly string[]): unknown[] {
  return key.map((column) => {
    const value = (row as Record<string, unknown>)[column];
    if (isNull(value)) {
      throw new SourceError(
        'keyset/null-key',
        `a row has no value in key column ${column}: keyset pagination needs a value in every key column`,
        `有一行的键列 ${column} 没有值：键集分页要求每个键列都有值`,
      );
    }
    return value;
  });
}

/**
 * Checks a page before any of its rows is handed on, and returns the key of its last row. Ordering is the
 * database's (its collation), so only what can be told without it is checked: no row may sit at the position
 * the page was asked to read after (the query ignored `where`, or used `>=`: its rows would be read twice), and
 * no two rows may share a key (rows sharing a key across a page boundary would be lost).
 */
function checkedPage(
  rows: readonly object[],
  key: readonly string[],
  position: readonly unknown[] | undefined,
  before: readonly unknown[] | undefined,
): unknown[] | undefined {
  let previous: unknown[] | undefined;
  for (const row of rows) {
    const rowKey = keyOf(row, key);
    if (before && startsWith(rowKey, before)) {
      throw new SourceError(
        'keyset/not-before',
        `the query returned the row at the end of its range (${format(before)}), which belongs to the next range: it must select rows by "where"`,
        `查询返回了位于范围终点（${format(before)}）的行，该行属于下一个范围：查询须按 where 条件选取行`,
      );
    }
    if (position && startsWith(rowKey, position)) {
      throw new SourceError(
        'keyset/not-after',
        `the query returned a row at the position it was asked to read after (${format(position)}): it must select rows by "where" and order them by "orderBy"`,
        `查询返回了位于起始位置（${format(position)}）的行：查询须按 where 条件选取行，并按 orderBy 排序`,
      );
    }
    if (previous && startsWith(rowKey, previous)) {
      throw new SourceError(
        'keyset/key-not-unique',
        `two rows share the key ${format(rowKey)}: end the key with a unique column (the primary key)`,
        `两行的键相同（${format(rowKey)}）：请以唯一列（主键）作为键的最后一列`,
      );
    }
    previous = rowKey;
  }
  return previous;
}

/** Whether a key begins with the values of `prefix` (the whole key, or the watermark part of it). */
function startsWith(rowKey: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((value, i) => sameValue(value, rowKey[i]));
}

function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}

function format(values: readonly unknown[]): string {
  return values
    .map((value) =>
      value instanceof Date
        ? value.toISOString()
        : typeof value === 'string'
          ? JSON.stringify(value)
          : String(value),
    )
    .join(', ');
}
