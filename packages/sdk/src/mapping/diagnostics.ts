import { MappingCompileError } from './compile-error';
import type { MappingDiagnostic } from './types';

export function diagnostic(
  code: string,
  severity: MappingDiagnostic['severity'],
  path: Array<string | number>,
  en: string,
  zh: string,
): MappingDiagnostic {
  return { code, severity, message: en, zh, path };
}

/** A compile helper's error as a diagnostic at `path` (an unexpected error becomes `mapping/invalid`). */
export function diagnosticFromError(error: unknown, path: Array<string | number>): MappingDiagnostic {
  if (error instanceof MappingCompileError) return diagnostic(error.code, 'error', path, error.en, error.zh);
  const text = error instanceof Error ? error.message : String(error);
  return diagnostic('mapping/invalid', 'error', path, text, text);
}

export function hasErrors(diagnostics: readonly MappingDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
