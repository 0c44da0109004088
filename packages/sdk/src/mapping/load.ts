import { type CompiledMapping, type CompileOptions, compileMapping } from './compile';
import { hasErrors } from './diagnostics';
import { type ParsedMapping, parseMapping, withRange } from './parse';
import type { FieldMapping, MappingDiagnostic, TargetEntry } from './types';

export interface LoadedMapping {
  mapping?: FieldMapping;
  /** Present when there is no error diagnostic. */
  compiled?: CompiledMapping;
  /** Syntax, schema and catalogue-entry diagnostics, each with its position in the text. */
  diagnostics: MappingDiagnostic[];
}

/**
 * Parses, validates, checks against the target entry and compiles a mapping file in one call. Takes the file's
 * text, or what `parseMapping` already made of it (a host that needed the mapping's `resource` first).
 */
export function loadMapping(
  text: string | ParsedMapping,
  entry?: TargetEntry,
  options: CompileOptions = {},
): LoadedMapping {
  const parsed = typeof text === 'string' ? parseMapping(text) : text;
  if (!parsed.mapping) return { diagnostics: parsed.diagnostics };
  const result = compileMapping(parsed.mapping, entry, options);
  const diagnostics = [...parsed.diagnostics, ...result.diagnostics.map((d) => withRange(d, parsed.locate))];
  return hasErrors(diagnostics)
    ? { mapping: parsed.mapping, diagnostics }
    : { mapping: parsed.mapping, compiled: result.compiled, diagnostics };
}
