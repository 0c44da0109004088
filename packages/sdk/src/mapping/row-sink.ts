import type { RowIssue, RowOutcome, TargetRecord } from './types';
import type { IssueSink } from './validators';

/** Collects a row's issues; arrays are only allocated for rows that have any. */
export class RowSink implements IssueSink {
  errors: RowIssue[] | undefined;
  warnings: RowIssue[] | undefined;
  error(issue: RowIssue): void {
    if (this.errors) this.errors.push(issue);
    else this.errors = [issue];
  }
  warning(issue: RowIssue): void {
    if (!this.warnings) this.warnings = [issue];
    else {
      // A field's `region` check and its item's GB/T 2260 code set see the same value: say it once.
      const last = this.warnings[this.warnings.length - 1]!;
      if (last.field !== issue.field || last.rule !== issue.rule || last.value !== issue.value)
        this.warnings.push(issue);
    }
  }
}

/** The outcome of one row from its record and the issues the sink collected for it. */
export function outcomeOf(row: number, record: TargetRecord, sink: RowSink): RowOutcome {
  const outcome: RowOutcome = sink.errors ? { row, errors: sink.errors, partial: record } : { row, record };
  if (sink.warnings) outcome.warnings = sink.warnings;
  return outcome;
}
