import type { RowIssue, RowOutcome } from './types';

/**
 * What happens to rows that share a key: `reject` (default) rejects every one of them, naming the others;
 * `last` (for change-log exports, where a later row supersedes an earlier one) keeps the last and counts the
 * earlier ones as replaced.
 */
export type DuplicatePolicy = 'reject' | 'last';

/**
 * How duplicates were found: `prescanned` (the input's keys were read in a first pass, so every occurrence is
 * known before the first is mapped) or `streaming` (an input that cannot be read twice, such as stdin: a
 * key's first occurrence is kept and the later ones rejected).
 */
export type DuplicateScan = 'prescanned' | 'streaming';

export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ['reject', 'last'];

/** The rows of one key that occurs more than once; `key` as `JSON.stringify` of its values in key order. */
export interface DuplicateGroup {
  key: string;
  rows: number[];
}

/** What a row becomes: rejected with this issue, replaced by a later row, or (undefined) left as it is. */
export type DuplicateVerdict = { rejected: RowIssue } | { replacedBy: number } | undefined;

/** Decides each row's fate; `keyOfRow` gives the row's key (undefined when it cannot be computed). */
export interface DuplicateGuard {
  readonly scan: DuplicateScan;
  readonly policy: DuplicatePolicy;
  verdict(row: number, keyOfRow: () => string | undefined): DuplicateVerdict;
}

/** Row numbers named in a message at most; the rest are counted. */
const ROWS_NAMED = 10;

/** The result of a pre-scan: the groups of duplicated keys, looked up by row number. */
export class DuplicatePlan {
  private readonly byRow = new Map<number, DuplicateGroup>();

  constructor(readonly groups: readonly DuplicateGroup[]) {
    for (const group of groups) for (const row of group.rows) this.byRow.set(row, group);
  }

  /** The group of a row whose key occurs more than once. */
  groupOf(row: number): DuplicateGroup | undefined {
    return this.byRow.get(row);
  }

  /** Rows whose key occurs more than once. */
  get rows(): number {
    return this.byRow.size;
  }
}

/**
 * The guard of a pre-scanned input: a pure function of the plan and the row number, so a resumed run that maps
 * rows again decides exactly as the first attempt did.
 */
export function prescannedGuard(
  plan: DuplicatePlan,
  policy: DuplicatePolicy,
  keyFields: readonly string[],
): DuplicateGuard {
  return {
    scan: 'prescanned',
    policy,
    verdict(row) {
      const group = plan.groupOf(row);
      if (!group) return undefined;
      if (policy === 'last') {
        const last = group.rows[group.rows.length - 1]!;
        return row === last ? undefined : { replacedBy: last };
      }
      const others = group.rows.filter((r) => r !== row);
      return { rejected: duplicateIssue(keyFields, group.key, others, 'prescanned') };
    },
  };
}

/**
 * The guard of an input read once (stdin, a stream): a key's first occurrence is kept, later ones are rejected
 * naming the earlier rows, and the message says the input could not be pre-scanned. Stateful: rows must come in
 * order, each once. `last` cannot be honoured without knowing what follows, so it is refused by the caller.
 */
export function streamingGuard(keyFields: readonly string[]): DuplicateGuard {
  const first = new Map<string, number>();
  // Keys seen more than once: the first rows (up to ten more than the first) and how many rows came so far.
  const repeated = new Map<string, { rows: number[]; count: number }>();
  return {
    scan: 'streaming',
    policy: 'reject',
    verdict(row, keyOfRow) {
      const key = keyOfRow();
      if (key === undefined) return undefined;
      const firstRow = first.get(key);
      if (firstRow === undefined) {
        first.set(key, row);
        return undefined;
      }
      const earlier = repeated.get(key) ?? { rows: [firstRow], count: 1 };
      const unnamed = earlier.count - earlier.rows.length;
      const issue = duplicateIssue(keyFields, key, earlier.rows, 'streaming', unnamed);
      if (earlier.rows.length <= ROWS_NAMED) earlier.rows.push(row);
      earlier.count++;
      repeated.set(key, earlier);
      return { rejected: issue };
    },
  };
}

/** The `duplicate` error of a row, naming the other rows of its key (the first ten, then how many more). */
export function duplicateIssue(
  keyFields: readonly string[],
  key: string,
  others: readonly number[],
  scan: DuplicateScan,
  unnamed = 0,
): RowIssue {
  const value = keyValueText(key);
  const field = keyFields.join(',');
  const named = others.slice(0, ROWS_NAMED).join(', ');
  const more = Math.max(others.length - ROWS_NAMED, 0) + unnamed;
  const en = more > 0 ? `${named} and ${more} more` : named;
  const zh = more > 0 ? `${others.slice(0, ROWS_NAMED).join('、')} 等（另有 ${more} 行）` : others.join('、');
  if (scan === 'streaming') {
    return {
      field,
      rule: 'duplicate',
      value,
      message: `key ${field} = ${value} already occurs in row ${en}; the input could not be pre-scanned, so the first occurrence was kept`,
      zh: `主键 ${field} = ${value} 已在第 ${zh} 行出现；输入无法预先扫描，保留了首次出现的行`,
    };
  }
  return {
    field,
    rule: 'duplicate',
    value,
    message: `key ${field} = ${value} occurs more than once: also in row ${en}`,
    zh: `主键 ${field} = ${value} 重复：第 ${zh} 行也是该主键`,
  };
}

/** A key's values as text: one value as is, several joined by commas. */
function keyValueText(key: string): string {
  const values = JSON.parse(key) as unknown[];
  return values.map((v) => (v === null ? '' : String(v))).join(',');
}

/** A record's key in the form the guard and the snapshot state use: its key values, in key order, as JSON. */
export function recordKey(record: Readonly<Record<string, unknown>>, keyFields: readonly string[]): string {
  return JSON.stringify(keyFields.map((field) => record[field] ?? null));
}

/**
 * A row function under a duplicate guard: rows of a duplicated key come out rejected (their other errors kept,
 * `partial` still naming the key) or, under `last`, replaced. The key of a row for a streaming guard is read
 * from what the mapping made of it, and only when no key field is in error.
 */
export function guardedMapRow(
  mapRow: (values: Readonly<Record<string, string | undefined>>, row: number) => RowOutcome,
  guard: DuplicateGuard,
  keyFields: readonly string[],
): (values: Readonly<Record<string, string | undefined>>, row: number) => RowOutcome {
  return (values, row) => {
    const outcome = mapRow(values, row);
    const verdict = guard.verdict(row, () => keyOfOutcome(outcome, keyFields));
    if (verdict === undefined) return outcome;
    if ('replacedBy' in verdict) {
      const replaced: RowOutcome = { row, replacedBy: verdict.replacedBy };
      if (outcome.warnings) replaced.warnings = outcome.warnings;
      return replaced;
    }
    const guarded: RowOutcome = {
      row,
      errors: [verdict.rejected, ...(outcome.errors ?? [])],
      partial: outcome.record ?? outcome.partial ?? {},
    };
    if (outcome.warnings) guarded.warnings = outcome.warnings;
    return guarded;
  };
}

/** The key of a mapped row, when every key field came out without error. */
function keyOfOutcome(outcome: RowOutcome, keyFields: readonly string[]): string | undefined {
  if (keyFields.length === 0) return undefined;
  const record = outcome.record ?? outcome.partial;
  if (!record || outcome.errors?.some((e) => keyFields.includes(e.field))) return undefined;
  if (keyFields.some((field) => record[field] === undefined)) return undefined;
  return recordKey(record, keyFields);
}
