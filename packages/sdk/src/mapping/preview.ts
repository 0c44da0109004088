import type { CompileOptions } from './compile';
import { compileMapping } from './compile';
import { type Coverage, coverage } from './coverage';
import { hasErrors } from './diagnostics';
import { parseMapping, withRange } from './parse';
import type {
  FieldMapping,
  MappingDiagnostic,
  RowIssue,
  SourceRow,
  TargetEntry,
  TargetRecord,
} from './types';

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

/** A legacy value that the `codes` table (or code set) does not cover, with how often it occurs. */
export interface UncoveredCode {
  field: string;
  value: string;
  count: number;
  /** The first rows it occurs in (at most 5). */
  rows: number[];
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

/**
 * Runs a mapping over sample rows for the editor and `unsilo map preview`: before/after per row, rejects with
 * reasons, legacy values the codes do not cover (with counts) and how much of the entry the mapping fills.
 * `mapping` is the file's text (diagnostics then carry positions) or an already parsed mapping.
 */
export function preview(
  mapping: FieldMapping | string,
  entry: TargetEntry | undefined,
  rows: Iterable<SourceRow | Record<string, string>>,
  options: PreviewOptions = {},
): PreviewResult {
  const result: PreviewResult = {
    diagnostics: [],
    rows: [],
    summary: { read: 0, accepted: 0, rejected: 0, warnings: 0 },
    rejectsByRule: {},
    uncovered: [],
    sourceColumns: [],
  };
  let parsedMapping: FieldMapping | undefined;
  let locate: Parameters<typeof withRange>[1] | undefined;
  if (typeof mapping === 'string') {
    const parsed = parseMapping(mapping);
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
  const run = compiled.compiled;
  result.sourceColumns = [...run.sourceColumns];

  const limit = options.limit ?? 50;
  const uncovered = new Map<string, UncoveredCode>();
  let index = 0;
  let headerChecked = false;
  for (const input of rows) {
    index++;
    const source = isSourceRow(input) ? input : { row: index, values: input };
    if (!headerChecked) {
      headerChecked = true;
      result.diagnostics.push(...run.checkColumns(Object.keys(source.values)).map(place));
    }
    const outcome = run.mapRow(source.values, source.row);
    result.summary.read++;
    if (outcome.errors) {
      result.summary.rejected++;
      const rules = new Set<string>();
      for (const e of outcome.errors) {
        rules.add(e.rule);
        if (e.rule !== 'codes') continue;
        const k = `${e.field}\u0000${e.value}`;
        const u = uncovered.get(k) ?? { field: e.field, value: e.value, count: 0, rows: [] };
        u.count++;
        if (u.rows.length < 5) u.rows.push(source.row);
        uncovered.set(k, u);
      }
      for (const r of rules) result.rejectsByRule[r] = (result.rejectsByRule[r] ?? 0) + 1;
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
  result.uncovered = [...uncovered.values()].sort(
    (a, b) => b.count - a.count || a.field.localeCompare(b.field),
  );
  if (hasErrors(result.diagnostics) && result.summary.read === 0) return result;
  return result;
}

function isSourceRow(value: SourceRow | Record<string, string>): value is SourceRow {
  return typeof (value as SourceRow).row === 'number' && typeof (value as SourceRow).values === 'object';
}
