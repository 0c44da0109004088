/**
 * `@unsilo/sdk/mapping` — field mappings (字段映射): parse and validate mapping files, check them against the
 * target catalogue entry, compile them once into a row function, preview them (and render the preview), and
 * check records server-side. Pure: no Node-only APIs, so the CLI, the language server, a webview and the sandbox
 * share it. The jobs that read sources and write files are `@unsilo/sdk/mapping/jobs`.
 */

export type { FieldFinding, Finding, FindingSeverity } from '../findings/finding';
export { idcardCheckChar, idcardFacts, upgradeIdcard15, validateIdcard } from '../identifiers/idcard';
export { validatePhone } from '../identifiers/phone';
export { checkRegion, regionName } from '../identifiers/region';
export { type CheckRecordOptions, checkRecord, type RecordCheck } from './check-record';
export {
  type Codeset,
  type CodesetEntry,
  type CodesetRegistry,
  createCodesetRegistry,
  standardCodesets,
} from './codesets';
export { type CompiledMapping, type CompileOptions, type CompileResult, compileMapping } from './compile';
export { MappingCompileError } from './compile-error';
export { type Coverage, coverage, type ItemCoverage } from './coverage';
export {
  DUPLICATE_POLICIES,
  type DuplicateGroup,
  type DuplicateGuard,
  DuplicatePlan,
  type DuplicatePolicy,
  type DuplicateScan,
  type DuplicateVerdict,
  duplicateIssue,
  guardedMapRow,
  prescannedGuard,
  recordKey,
  streamingGuard,
} from './duplicate-keys';
export { checkMappingAgainstEntry } from './entry-checks';
export type { KeyHash } from './key-hash-table';
export { KeyScan, planOf } from './key-scan';
export { type LoadedMapping, loadMapping } from './load';
export { type ParsedMapping, parseMapping } from './parse';
export type { Locate } from './positions';
export {
  emptyPreviewResult,
  type PreviewInput,
  type PreviewOptions,
  type PreviewResult,
  type PreviewRow,
  preview,
  type RejectedRow,
  type UncoveredCode,
  type WarnedRow,
} from './preview';
export {
  formatMappingDiagnostic,
  type Lang,
  type PreviewFormat,
  type PreviewHtmlOptions,
  type PreviewView,
  renderPreview,
  renderPreviewHtml,
  renderPreviewText,
} from './preview-render/index';
export { targetEntryOf } from './target-entry';
export { compileDateReader, excelSerialToIso, halfwidth, isIsoDate } from './transforms';
export type {
  Bilingual,
  CheckSpec,
  CodesSpec,
  CrossCheckSpec,
  FieldMapping,
  FieldSpec,
  MappingDiagnostic,
  MappingSource,
  Position,
  Range,
  RecordValue,
  RowIssue,
  RowOutcome,
  SourceEncoding,
  SourceFormat,
  SourceRow,
  TargetEntry,
  TargetItem,
  TargetRecord,
  TransformSpec,
  UnreadRow,
} from './types';
