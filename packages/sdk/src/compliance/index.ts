/**
 * @unsilo/sdk/compliance — `unsilo proxy --check`: a local proxy a vendor's application talks to, forwarding to an
 * exchange and checking every request against the contract; and the compliance report it writes. Node only.
 */
export { ComplianceChecker } from './checker';
export { ClientHistory, type ObservedOutcome, retryAfterMs } from './client-history';
export type { ComplianceFinding } from './findings-log';
export { matchOperation } from './match-operation';
export type { FindingEvent, ObservedRequest } from './observed';
export {
  type ComplianceProxyOptions,
  DEFAULT_MAX_BODY_BYTES,
  type RunningComplianceProxy,
  startComplianceProxy,
} from './proxy-server';
export { buildComplianceReport, type ComplianceReport, formatComplianceSummary } from './report';
export { complianceReportHtml } from './report-html';
export {
  type ComplianceRule,
  type ComplianceRuleId,
  type ComplianceSeverity,
  complianceRuleIds,
  complianceRules,
} from './rules';
