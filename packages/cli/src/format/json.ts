import { type Diagnostic, formatMessage, type Lang, type LintSummary } from '@unsilo/sdk/catalog';

/** The lint JSON format: 1-based lines and columns, the message as a string in the chosen language. */
export function formatJson(diagnostics: readonly Diagnostic[], summary: LintSummary, lang: Lang): string {
  return `${JSON.stringify({
    diagnostics: diagnostics.map((diagnostic) => ({
      file: diagnostic.file,
      rule: diagnostic.rule,
      severity: diagnostic.severity,
      message: formatMessage(diagnostic, lang),
      range: {
        start: { line: diagnostic.range.start.line, column: diagnostic.range.start.column },
        end: { line: diagnostic.range.end.line, column: diagnostic.range.end.column },
      },
      // A suggestion may change the meaning: `unsilo lint --fix` does not apply it.
      fixes: diagnostic.fixes.map((fix) => ({
        title: fix.title[lang],
        edits: fix.edits,
        ...(fix.suggestion ? { suggestion: true } : {}),
      })),
    })),
    summary,
  })}\n`;
}
