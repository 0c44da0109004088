import { type CompiledMapping, type CompileOptions, compileMapping } from './compile';
import { type Coverage, coverage } from './coverage';
import { type ParsedMapping, parseMapping, withRange } from './parse';
import type { Locate } from './positions';
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

export type { UncoveredCode } from './reject-tally';

export interface PreviewOptions extends CompileOptions {
  /** Rows shown before/after (default 50). Every given row is still counted. */
  limit?: number;
}

export interface PreviewRow {
  row: number;
  before: Record<string, string>;
  after?: TargetRecord;
  errors?: RowIssue[];
  warnings?: RowIssue[];
}

export interface PreviewResult {
  diagnostics: MappingDiagnostic[];
  rows: PreviewRow[];
  summary: { read: number; accepted: number; rejected: number; warnings: number };
  /** Rejected rows by rule (a row counts once per rule). */
  rejectsByRule: Record<string, number>;
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
    summary: { read: 0, accepted: 0, rejected: 0, warnings: 0 },
    rejectsByRule: {},
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
  runRows(compiled.compiled, rows, options.limit ?? 50, result, place);
  return result;
}

/** Maps each row into `result`: counts, the first `limit` rows shown, rejects tallied. */
function runRows(
  run: CompiledMapping,
  rows: Iterable<PreviewInput>,
  limit: number,
  result: PreviewResult,
  place: (d: MappingDiagnostic) => MappingDiagnostic,
): void {
  const tally = new RejectTally();
  let index = 0;
  let headerChecked = false;
  for (const input of rows) {
    index++;
    result.summary.read++;
    if (isUnreadRow(input)) {
      result.summary.rejected++;
      tally.add(input.row, [input.error]);
      if (result.rows.length < limit) result.rows.push({ row: input.row, before: {}, errors: [input.error] });
      continue;
    }
    const source = isSourceRow(input) ? input : { row: index, values: input };
    if (!headerChecked) {
      headerChecked = true;
      result.diagnostics.push(...run.checkColumns(Object.keys(source.values)).map(place));
    }
    const outcome = run.mapRow(source.values, source.row);
    if (outcome.errors) {
      result.summary.rejected++;
      tally.add(source.row, outcome.errors);
    } else {
      result.summary.accepted++;
    }
    if (outcome.warnings) result.summary.warnings += outcome.warnings.length;
    if (result.rows.length < limit) {
      const shown: PreviewRow = { row: source.row, before: source.values };
      if (outcome.record) shown.after = outcome.record;
      if (outcome.errors) shown.errors = outcome.errors;
      if (outcome.warnings) shown.warnings = outcome.warnings;
      result.rows.push(shown);
    }
  }
  Object.assign(result.rejectsByRule, tally.byRule);
  result.uncovered = tally.uncoveredCodes();
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
