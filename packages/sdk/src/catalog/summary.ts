import type { Diagnostic, LintSummary } from './types';

/** Counts a lint's files and its findings by severity. */
export function summarize(files: number, diagnostics: readonly Diagnostic[]): LintSummary {
  const summary: LintSummary = { files, errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') summary.errors++;
    else if (diagnostic.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
