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

/** Compile helpers throw `Error("code|en|zh")`; this turns one into a diagnostic at `path`. */
export function diagnosticFromError(error: unknown, path: Array<string | number>): MappingDiagnostic {
  const text = error instanceof Error ? error.message : String(error);
  const [code, en, zh] = text.split('|');
  return en && zh
    ? diagnostic(code!, 'error', path, en, zh)
    : diagnostic('mapping/invalid', 'error', path, text, text);
}

export function hasErrors(diagnostics: readonly MappingDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
