/**
 * `@unsilo/sdk/catalog`: parse and lint 政务信息资源目录 entries, one file or a whole `Workspace` kept up to
 * date edit by edit. Pure (no Node-only APIs), so the CLI, the language server, webviews and the sandbox run
 * the very same rules; `@unsilo/sdk/workspace` finds a catalogue folder's files on disk.
 */

export {
  type FieldFinding,
  type Finding,
  type FindingSeverity,
  toProblemDetailItem,
} from '../findings/index';
export { validateOrgcode } from '../identifiers/orgcode';
export { type IdentifierCheck, validateUscc } from '../identifiers/uscc';
export { type ConfigProblem, type ParsedConfig, parseConfig } from './config';
export {
  type DataElement,
  dataElementNamed,
  dataElements,
  elementOfItem,
  findDataElement,
} from './data-elements';
export { jsonNestsDeeperThan, MAX_NESTING_DEPTH, nestsDeeperThan } from './depth';
export { CONFIG_FILE, isCatalogEntryText, type UnsiloFileKind, unsiloKindOf } from './detect';
export { applyFixes, applyFixesTelling, automaticFix } from './edits';
export { type CatalogElement, catalogElements, childKeys, elementAt, elementKey } from './elements';
export { stringifyEntry } from './emit';
export { type LintOptions, type LintTextOptions, lintEntry, lintText, lintWorkspace } from './engine';
export * from './governance/index';
export { formatMessage } from './messages';
export { CatalogFile, MAX_ALIAS_COUNT, type ParsedEntry, parseCatalogFile } from './parse';
export {
  type CatalogStats,
  catalogStats,
  type ProviderStats,
  type ResourceStats,
  type ShareBucket,
} from './report';
export {
  type BlockingRule,
  type CatalogFindings,
  type CatalogFindingsOptions,
  catalogFindings,
  type DepartmentErrors,
  MOST_ERRORS_SHOWN,
  type ReportDepartmentFindings,
  type ReportFinding,
  type ReportResourceFindings,
} from './report-findings';
export {
  findingsAnchor,
  renderFindingsSection,
  renderFixFirstSection,
  renderRuleTable,
  ruleLabelHtml,
} from './report-findings-html';
export { FINDINGS_STYLE } from './report-findings-style';
export { FINDINGS_TEXT, type FindingsText } from './report-findings-text';
export { RULE_DOCS_BASE, type RuleInfo } from './rule';
export { rules } from './rules/index';
export type * from './types';
export {
  type CodesetInfo,
  canonicalToken,
  codesets,
  ENTRY_VOCABULARY_FIELDS,
  findCodeset,
  isToken,
  tokensOf,
  type VocabularyName,
  type VocabularyTerm,
  vocabularies,
  vocabularyAt,
} from './vocabulary';
export { Workspace, type WorkspaceOptions, type WorkspaceUpdateOptions } from './workspace-service';
