import { calendarDayOf } from '../identifiers/calendar-date';
import { recordLineEncoder } from '../json/record-line-encoder';
import { type CodesetRegistry, standardCodesets } from './codesets';
import { checkColumns } from './column-check';
import { compileCrossChecks } from './cross-checks';
import { hasErrors } from './diagnostics';
import { checkMappingAgainstEntry, requiredKeys } from './entry-checks';
import { compileField, type FieldProgram } from './field-program';
import { columnsOf } from './field-spec';
import { type KeyFunction, keyFunction } from './key-function';
import { recordStringify } from './record-stringify';
import { type MapRow, rowFunction } from './row-function';
import type { FieldMapping, MappingDiagnostic, TargetEntry, TargetItem, TargetRecord } from './types';

export interface CompileOptions {
  /** Code sets for `codes: { codeset }` and item code sets (default: those of `@unsilo/spec`). */
  codesets?: CodesetRegistry;
  /**
   * "Today" for birth dates in the future: a calendar day `YYYY-MM-DD`, or an instant whose date in `timeZone` is
   * taken (default: now). One day for the whole mapping: a run that crosses midnight keeps the day it began on.
   */
  today?: Date | string;
  /** The city's IANA time zone (`timeZone` of `unsilo.config.yaml`), for an instant `today` (default: Asia/Shanghai). */
  timeZone?: string;
  /**
   * false: run rows through the plain field loop instead of a row function generated for this mapping (the
   * loop is what runs where code generation is not allowed, e.g. under a strict Content-Security-Policy).
   */
  generate?: boolean;
}

/** A mapping compiled once; `mapRow` runs per row without re-reading the mapping. */
export interface CompiledMapping {
  readonly mapping: FieldMapping;
  /** Target item keys in output order. */
  readonly fields: readonly string[];
  /** Source columns the mapping reads. */
  readonly sourceColumns: readonly string[];
  /** The items identifying a record: the mapping's `key`, else the entry's (empty when neither has one). */
  readonly key: readonly string[];
  /** A row's key from the key fields alone (for the duplicate-key pre-scan); undefined when it cannot be computed. */
  keyOf: KeyFunction;
  /** Maps one source row; `row` is its 1-based data row. Synchronous and not re-entrant. */
  mapRow: MapRow;
  /** `JSON.stringify(record)` for this mapping's records (their keys in `fields` order, undefined members left out). */
  stringify(record: TargetRecord): string;
  /**
   * Writes the UTF-8 bytes of `stringify(record)` and a line break into `target` at `offset`; returns the offset
   * after them, or -1 when `target` lacks room. The fast way to write NDJSON: no string is built.
   */
  encodeLine(record: TargetRecord, target: Uint8Array, offset: number): number;
  /** Diagnostics for source columns the mapping reads but the input's header lacks. */
  checkColumns(header: readonly string[]): MappingDiagnostic[];
}

export interface CompileResult {
  /** Absent when any diagnostic is an error. */
  compiled?: CompiledMapping;
  diagnostics: MappingDiagnostic[];
}

/**
 * Compiles a mapping (already parsed and schema-valid) against its target entry into a row function.
 * Each field becomes one reader and a short array of specialised steps, built here once.
 */
export function compileMapping(
  mapping: FieldMapping,
  entry?: TargetEntry,
  options: CompileOptions = {},
): CompileResult {
  const codesets = options.codesets ?? standardCodesets;
  const diagnostics: MappingDiagnostic[] = entry ? checkMappingAgainstEntry(mapping, entry, codesets) : [];
  const items = new Map<string, TargetItem>((entry?.items ?? []).map((i) => [i.key, i]));
  const needed = entry ? requiredKeys(mapping, entry) : { key: mapping.key ?? [], required: [] as string[] };
  const mustFill = new Set([...needed.key, ...needed.required]);
  const today = calendarDayOf(options.today, options.timeZone);

  const programs: FieldProgram[] = [];
  const columns = new Set<string>();
  // Output in catalogue item order, then any fields the entry does not know (already reported).
  const order = [
    ...[...items.keys()].filter((k) => k in mapping.fields),
    ...Object.keys(mapping.fields).filter((k) => !items.has(k)),
  ];
  for (const key of order) {
    const spec = mapping.fields[key]!;
    for (const c of columnsOf(spec)) columns.add(c);
    const program = compileField(key, spec, {
      item: items.get(key),
      required: mustFill.has(key),
      codesets,
      today,
      diagnostics,
    });
    if (program) programs.push(program);
  }
  const crossChecks = compileCrossChecks(mapping, diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };

  const fields = programs.map((p) => p.key);
  const compiled: CompiledMapping = {
    mapping,
    fields,
    sourceColumns: [...columns],
    key: needed.key,
    keyOf: keyFunction(programs, needed.key),
    mapRow: rowFunction(programs, crossChecks, options.generate !== false),
    stringify: recordStringify(fields),
    encodeLine: recordLineEncoder(fields),
    checkColumns: (header) => checkColumns(mapping, header),
  };
  return { compiled, diagnostics };
}
