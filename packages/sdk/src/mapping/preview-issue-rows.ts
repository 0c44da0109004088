import type { RowIssue } from './types';

/** A rejected row of a preview with every reason it was rejected for. */
export interface RejectedRow {
  row: number;
  errors: RowIssue[];
}

/** A row of a preview that brought warnings (it may be accepted or rejected). */
export interface WarnedRow {
  row: number;
  warnings: RowIssue[];
}

/** Rejected and warned rows a preview lists by default: enough to act on, bounded whatever the sample. */
export const DEFAULT_LIST_LIMIT = 1000;

/**
 * The first `limit` rows of a kind, in the order given, and how many there were in all. Bounded so that a
 * sample of many rejects cannot exhaust memory; the count stays exact.
 */
export class BoundedRowList<T> {
  readonly rows: T[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(make: () => T): void {
    this.count++;
    if (this.rows.length < this.limit) this.rows.push(make());
  }
}
