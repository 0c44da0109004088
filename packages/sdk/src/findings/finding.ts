import type { components } from '../generated/openapi';

/**
 * One finding about a catalogue entry, a mapping, a row or a request: the contract's `ProblemDetailItem`, the
 * item of a problem's `errors`. Every other finding type of the SDK narrows it, so what the linter, the mapping
 * engine, sync and the exchange report is one shape, not a copy of it per package.
 */
export type Finding = components['schemas']['ProblemDetailItem'];

/** How grave a finding is. */
export type FindingSeverity = NonNullable<Finding['severity']>;

/**
 * A finding about one value (of a row, a record or a request): which field, by which rule, in both languages,
 * and the value when there is one. The reject reason of the rejects file; the contract's `RecordError` is this shape.
 */
export type FieldFinding = Required<Pick<Finding, 'field' | 'rule' | 'message' | 'zh'>> &
  Pick<Finding, 'value'>;

/**
 * Why a row (or a record) was rejected, or what is worth a warning — the error of a rejects-file line: a field
 * finding whose `field` is the target item key (or the source column, for a record that could not be read),
 * whose `rule` is `codes`, `date`, `number`, `idcard`, `required`, `type`, `idcard-consistent`, `csv/quote`…,
 * and which always carries the value.
 */
export interface RowIssue extends FieldFinding {
  /** The offending value as it was at that step (the text read, for a record that could not be read). */
  value: string;
}
