import { type CompiledMapping, type CompileOptions, compileMapping } from './compile';
import { hasErrors } from './diagnostics';
import { parseMapping, withRange } from './parse';
import type { FieldMapping, MappingDiagnostic, TargetEntry } from './types';

export interface LoadedMapping {
  mapping?: FieldMapping;
  /** Present when there is no error diagnostic. */
  compiled?: CompiledMapping;
  /** Syntax, schema and catalogue-entry diagnostics, each with its position in the text. */
  diagnostics: MappingDiagnostic[];
}

/** Parses, validates, checks against the target entry and compiles a mapping file in one call. */
export function loadMapping(text: string, entry?: TargetEntry, options: CompileOptions = {}): LoadedMapping {
  const parsed = parseMapping(text);
  if (!parsed.mapping) return { diagnostics: parsed.diagnostics };
  const result = compileMapping(parsed.mapping, entry, options);
  const diagnostics = [...parsed.diagnostics, ...result.diagnostics.map((d) => withRange(d, parsed.locate))];
  return hasErrors(diagnostics)
    ? { mapping: parsed.mapping, diagnostics }
    : { mapping: parsed.mapping, compiled: result.compiled, diagnostics };
}
