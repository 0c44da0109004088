import type { RowIssue } from './types';

/** A legacy value that the `codes` table (or code set) does not cover, with how often it occurs. */
export interface UncoveredCode {
  field: string;
  value: string;
  count: number;
  /** The first rows it occurs in (at most 5). */
  rows: number[];
}

/**
 * Counts rejected rows by rule (a row counts once per rule) and the legacy values the codes do not cover, for
 * `preview` and `map run` alike. Cheap per row: no allocation unless a row brings a new uncovered value.
 */
export class RejectTally {
  readonly byRule: Record<string, number> = {};
  private readonly uncovered = new Map<string, UncoveredCode>();

  /** Adds the errors of one rejected row. */
  add(row: number, errors: readonly RowIssue[]): void {
    for (let i = 0; i < errors.length; i++) {
      const e = errors[i]!;
      if (firstOfItsRule(errors, i)) this.byRule[e.rule] = (this.byRule[e.rule] ?? 0) + 1;
      if (e.rule !== 'codes') continue;
      const key = `${e.field}\u0000${e.value}`;
      const known = this.uncovered.get(key);
      if (!known) this.uncovered.set(key, { field: e.field, value: e.value, count: 1, rows: [row] });
      else {
        known.count++;
        if (known.rows.length < 5) known.rows.push(row);
      }
    }
  }

  /** Uncovered values, the most frequent first (then by field). */
  uncoveredCodes(): UncoveredCode[] {
    return [...this.uncovered.values()].sort((a, b) => b.count - a.count || a.field.localeCompare(b.field));
  }
}

function firstOfItsRule(errors: readonly RowIssue[], index: number): boolean {
  const rule = errors[index]!.rule;
  for (let j = 0; j < index; j++) if (errors[j]!.rule === rule) return false;
  return true;
}
