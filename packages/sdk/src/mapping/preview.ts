import { type CompiledMapping, type CompileOptions, compileMapping } from './compile';
import { type Coverage, coverage } from './coverage';
import { type DuplicatePolicy, guardedMapRow, prescannedGuard } from './duplicate-keys';
import { planOf } from './key-scan';
import { type ParsedMapping, parseMapping, withRange } from './parse';
import type { Locate } from './positions';
import { BoundedRowList, DEFAULT_LIST_LIMIT, type RejectedRow, type WarnedRow } from './preview-issue-rows';
import { RejectTally, type UncoveredCode } from './reject-tally';
import type {
  FieldMapping,
  MappingDiagnostic,
  RowIssue,
  SourceRow,
  TargetEntry,
  TargetRecord,
  UnreadRow,
} from './types';

export type { RejectedRow, WarnedRow } from './preview-issue-rows';
export type { UncoveredCode } from './reject-tally';

export interface PreviewOptions extends CompileOptions {
  /** Rows shown before/after (default 50). Every given row is still counted. */
  limit?: number;
  /**
   * Rejected rows (and rows with warnings) listed with their reasons, whatever `limit` shows: the first
   * `listLimit` of each (default 1,000); the counts cover every row.
   */
  listLimit?: number;
  /** Rows sharing a key within the sample: all rejected (default) or the last kept; see DuplicatePolicy. */
  duplicates?: DuplicatePolicy;
}

export interface PreviewRow {
  row: number;
  before: Record<string, string>;
  after?: TargetRecord;
  /** On a rejected row: what could be mapped (fields in error as they came out), shown beside the reasons. */
  partial?: TargetRecord;
  errors?: RowIssue[];
  warnings?: RowIssue[];
  /** Under `duplicates: 'last'`: the later row of the same key that replaces this one. */
  replacedBy?: number;
}

export interface PreviewResult {
  diagnostics: MappingDiagnostic[];
  rows: PreviewRow[];
  /** read = accepted + rejected + replaced (rows a later row of their key replaced, under `duplicates: 'last'`). */
  summary: { read: number; accepted: number; rejected: number; replaced: number; warnings: number };
  /** Rejected rows by rule (a row counts once per rule). */
  rejectsByRule: Record<string, number>;
  /**
   * Every rejected row of the input with its reasons, in row order, also those after the rows shown — the
   * first `listLimit` of them; `summary.rejected` counts them all.
   */
  rejectedRows: RejectedRow[];
  /** Rows with warnings, in row order: the first `listLimit`; `warningRowCount` counts them all. */
  warningRows: WarnedRow[];
  /** Rows with warnings (`summary.warnings` counts the warnings). */
  warningRowCount: number;
  uncovered: UncoveredCode[];
  coverage?: Coverage;
  sourceColumns: string[];
}

/** What `preview` takes as rows: numbered source rows, rows the reader could not read, or bare value maps. */
export type PreviewInput = SourceRow | UnreadRow | Record<string, string>;

/** A result with nothing run yet. */
export function emptyPreviewResult(diagnostics: MappingDiagnostic[] = []): PreviewResult {
  return {
    diagnostics,
    rows: [],
    summary: { read: 0, accepted: 0, rejected: 0, replaced: 0, warnings: 0 },
    rejectsByRule: {},
    rejectedRows: [],
    warningRows: [],
    warningRowCount: 0,
    uncovered: [],
    sourceColumns: [],
  };
}

/**
 * Runs a mapping over sample rows for the editor and `unsilo map preview`: before/after per row, rejects with
 * reasons (a row the reader could not read is one, with the reader's reason), legacy values the codes do not
 * cover (with counts) and how much of the entry the mapping fills.
 * `mapping` is the file's text or what `parseMapping` made of it (diagnostics then carry positions), or a
 * mapping object.
 */
export function preview(
  mapping: FieldMapping | ParsedMapping | string,
  entry: TargetEntry | undefined,
  rows: Iterable<PreviewInput>,
  options: PreviewOptions = {},
): PreviewResult {
  const result = emptyPreviewResult();
  let parsedMapping: FieldMapping | undefined;
  let locate: Locate | undefined;
  if (typeof mapping === 'string' || isParsed(mapping)) {
    const parsed = typeof mapping === 'string' ? parseMapping(mapping) : mapping;
    result.diagnostics.push(...parsed.diagnostics);
    parsedMapping = parsed.mapping;
    locate = parsed.locate;
  } else {
    parsedMapping = mapping;
  }
  if (!parsedMapping) return result;
  if (entry) result.coverage = coverage(parsedMapping, entry);
  const compiled = compileMapping(parsedMapping, entry, options);
  const place = (d: MappingDiagnostic) => (locate ? withRange(d, locate) : d);
  result.diagnostics.push(...compiled.diagnostics.map(place));
  if (!compiled.compiled) return result;
  result.sourceColumns = [...compiled.compiled.sourceColumns];
  const sample = numberedRows(rows);
  const mapRow = sampleMapRow(compiled.compiled, sample, options.duplicates ?? 'reject');
  const limits = { shown: options.limit ?? 50, listed: options.listLimit ?? DEFAULT_LIST_LIMIT };
  runRows(compiled.compiled, mapRow, sample, limits, result, place);
  return result;
}

/** The sample's rows, numbered (bare value maps by their place), in memory: duplicates are found across them. */
function numberedRows(rows: Iterable<PreviewInput>): Array<SourceRow | UnreadRow> {
  let index = 0;
  return Array.from(rows, (input) => {
    index++;
    return isUnreadRow(input) || isSourceRow(input) ? input : { row: index, values: input };
  });
}

/** The row function of the preview: the mapping's, with duplicates within the sample found by its keys. */
function sampleMapRow(
  run: CompiledMapping,
  rows: ReadonlyArray<SourceRow | UnreadRow>,
  policy: DuplicatePolicy,
): CompiledMapping['mapRow'] {
  const keyed = rows.filter(isSourceRow).map((r) => ({ row: r.row, key: run.keyOf(r.values) }));
  const plan = planOf(keyed);
  if (plan.rows === 0) return run.mapRow;
  return guardedMapRow(run.mapRow, prescannedGuard(plan, policy, run.key), run.key);
}

/**
 * Maps each row into `result`: counts, the first `limits.shown` rows shown, rejects tallied, the first
 * `limits.listed` rejected and warned rows listed with their reasons.
 */
function runRows(
  run: CompiledMapping,
  mapRow: CompiledMapping['mapRow'],
  rows: ReadonlyArray<SourceRow | UnreadRow>,
  limits: { shown: number; listed: number },
  result: PreviewResult,
  place: (d: MappingDiagnostic) => MappingDiagnostic,
): void {
  const limit = limits.shown;
  const tally = new RejectTally();
  const rejected = new BoundedRowList<RejectedRow>(limits.listed);
  const warned = new BoundedRowList<WarnedRow>(limits.listed);
  let headerChecked = false;
  for (const input of rows) {
    result.summary.read++;
    if (isUnreadRow(input)) {
      result.summary.rejected++;
      tally.add(input.row, [input.error]);
      rejected.add(() => ({ row: input.row, errors: [input.error] }));
      if (result.rows.length < limit) result.rows.push({ row: input.row, before: {}, errors: [input.error] });
      continue;
    }
    const source = input;
    if (!headerChecked) {
      headerChecked = true;
      result.diagnostics.push(...run.checkColumns(Object.keys(source.values)).map(place));
    }
    const outcome = mapRow(source.values, source.row);
    const { errors, warnings } = outcome;
    if (errors) {
      result.summary.rejected++;
      tally.add(source.row, errors);
      rejected.add(() => ({ row: source.row, errors }));
    } else if (outcome.replacedBy !== undefined) {
      result.summary.replaced++;
    } else {
      result.summary.accepted++;
    }
    if (warnings) {
      result.summary.warnings += warnings.length;
      warned.add(() => ({ row: source.row, warnings }));
    }
    if (result.rows.length < limit) {
      const shown: PreviewRow = { row: source.row, before: source.values };
      if (outcome.record) shown.after = outcome.record;
      if (outcome.partial) shown.partial = outcome.partial;
      if (outcome.errors) shown.errors = outcome.errors;
      if (outcome.warnings) shown.warnings = outcome.warnings;
      if (outcome.replacedBy !== undefined) shown.replacedBy = outcome.replacedBy;
      result.rows.push(shown);
    }
  }
  Object.assign(result.rejectsByRule, tally.byRule);
  result.uncovered = tally.uncoveredCodes();
  result.rejectedRows = rejected.rows;
  result.warningRows = warned.rows;
  result.warningRowCount = warned.count;
}

function isParsed(value: FieldMapping | ParsedMapping): value is ParsedMapping {
  return typeof (value as ParsedMapping).locate === 'function';
}

function isUnreadRow(value: PreviewInput): value is UnreadRow {
  return typeof (value as UnreadRow).row === 'number' && typeof (value as UnreadRow).error === 'object';
}

function isSourceRow(value: PreviewInput): value is SourceRow {
  return typeof (value as SourceRow).row === 'number' && typeof (value as SourceRow).values === 'object';
}
