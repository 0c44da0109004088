export type { FieldFinding, Finding, FindingSeverity, RowIssue } from './finding';
export { toProblemDetailItem } from './problem-detail';
