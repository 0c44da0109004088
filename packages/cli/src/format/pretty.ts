import {
  automaticFix,
  type Diagnostic,
  formatMessage,
  type Lang,
  type LintSummary,
} from '@unsilo/sdk/catalog';
import { codeFrame } from './code-frame';
import { palette } from './terminal';

const LABELS = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
} as const;

/** Human output: per diagnostic a header, the message, the rule and a code frame; then a summary. */
export function formatPretty(
  diagnostics: readonly Diagnostic[],
  summary: LintSummary,
  options: { lang: Lang; color: boolean; readText: (file: string) => string | undefined },
): string {
  const colors = palette(options.color);
  const out: string[] = [];
  for (const diagnostic of diagnostics) {
    const label = LABELS[options.lang][diagnostic.severity];
    const colored =
      diagnostic.severity === 'error'
        ? colors.red(label)
        : diagnostic.severity === 'warning'
          ? colors.yellow(label)
          : colors.blue(label);
    const where = `${diagnostic.file}:${diagnostic.range.start.line}:${diagnostic.range.start.column}`;
    out.push(`${colored} ${formatMessage(diagnostic, options.lang)} ${colors.dim(`(${diagnostic.rule})`)}`);
    out.push(`  ${colors.underline(where)}`);
    const text = options.readText(diagnostic.file);
    if (text !== undefined) out.push(codeFrame(text, diagnostic.range, colors));
    out.push('');
  }
  const problems = summary.errors + summary.warnings + summary.infos;
  const fixable = diagnostics.filter((d) => automaticFix(d) !== undefined).length;
  const suggested = diagnostics.filter((d) => d.fixes.some((fix) => fix.suggestion)).length;
  if (problems === 0) {
    out.push(
      options.lang === 'zh'
        ? `✔ 检查了 ${summary.files} 个文件，没有发现问题`
        : `✔ ${summary.files} file${summary.files === 1 ? '' : 's'} checked, no problems`,
    );
  } else {
    const line =
      options.lang === 'zh'
        ? `✖ ${summary.files} 个文件中发现 ${problems} 个问题（${summary.errors} 个错误，${summary.warnings} 个警告，${summary.infos} 个提示）`
        : `✖ ${problems} problem${problems === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.infos} info)`;
    out.push(summary.errors > 0 ? colors.red(colors.bold(line)) : colors.yellow(colors.bold(line)));
    if (fixable > 0) {
      out.push(
        options.lang === 'zh'
          ? `  其中 ${fixable} 个可用 --fix 自动修复`
          : `  ${fixable} of them can be fixed with --fix`,
      );
    }
    if (suggested > 0) {
      out.push(
        options.lang === 'zh'
          ? `  其中 ${suggested} 个有修改建议：可能改变含义，--fix 不会应用，请在编辑器中用快速修复`
          : `  ${suggested} of them ${suggested === 1 ? 'has a suggested change' : 'have suggested changes'}: it may change the meaning, so --fix leaves it; apply it as a quick fix in the editor`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
