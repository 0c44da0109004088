import { type ResolvedLintConfig, resolveConfig } from './config';
import { CatalogFile } from './parse';
import type { RuleReport } from './rule';
import { ruleDefinitions } from './rules/index';
import type { Diagnostic, LintConfig, LintResult, LintSummary, SourceFile } from './types';
import { WorkspaceModel } from './workspace';

export interface LintOptions {
  config?: LintConfig;
}

export interface LintTextOptions extends LintOptions {
  /** Other files of the workspace, so that whole-workspace rules see them; only `path` is reported on. */
  workspace?: SourceFile[];
}

/** A file is a catalogue entry unless it says it is something else (a mapping, a config…). */
function isOtherKind(file: CatalogFile): boolean {
  const kind = file.entry?.kind;
  return typeof kind === 'string' && kind !== 'InformationResource';
}

/** Lints a whole workspace: every file is parsed once, the workspace model is built once, then every rule runs. */
export function lintWorkspace(files: readonly SourceFile[], options: LintOptions = {}): LintResult {
  const { diagnostics, linted } = run(files, options);
  return { diagnostics, summary: summarize(linted.length, diagnostics) };
}

/** Lints one file; pass the rest of the workspace in `options.workspace` for the cross-file rules. */
export function lintText(path: string, text: string, options: LintTextOptions = {}): LintResult {
  const others = (options.workspace ?? []).filter((file) => file.path !== path);
  const { diagnostics, linted } = run([{ path, text }, ...others], options);
  const own = diagnostics.filter((diagnostic) => diagnostic.file === path);
  return { diagnostics: own, summary: summarize(linted.some((file) => file.path === path) ? 1 : 0, own) };
}

function run(
  files: readonly SourceFile[],
  options: LintOptions,
): { diagnostics: Diagnostic[]; linted: CatalogFile[] } {
  const config = resolveConfig(options.config);
  const linted = files
    .filter((file) => !config.isIgnored(file.path))
    .map((file) => new CatalogFile(file.path, file.text))
    .filter((file) => !isOtherKind(file));
  const workspace = new WorkspaceModel(linted);
  const diagnostics: Diagnostic[] = [];
  for (const file of linted) diagnostics.push(...lintParsed(file, workspace, config));
  return { diagnostics, linted };
}

function lintParsed(file: CatalogFile, workspace: WorkspaceModel, config: ResolvedLintConfig): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const syntaxSeverity = config.severity('yaml/syntax', 'error');
  if (syntaxSeverity !== 'off') {
    for (const diagnostic of file.diagnostics) diagnostics.push({ ...diagnostic, severity: syntaxSeverity });
  }
  if (file.diagnostics.length > 0) return diagnostics;
  if (!file.entry) {
    const severity = config.severity('schema/required', 'error');
    if (severity !== 'off') {
      diagnostics.push({
        file: file.path,
        rule: 'schema/required',
        severity,
        message: {
          zh: '文件内容应为目录条目的字段映射（apiVersion、kind、code、name…）',
          en: 'the file must be a mapping of catalogue fields (apiVersion, kind, code, name…)',
        },
        range: file.index.range(0, file.index.lineEnd(0)),
        fixes: [],
      });
    }
    return diagnostics;
  }
  for (const rule of ruleDefinitions) {
    const severity = config.severity(rule.id, rule.severity);
    if (severity === 'off') continue;
    const report = ({ at, part, message, fixes }: RuleReport) => {
      const [start, end] = file.offsets(at, part);
      diagnostics.push({
        file: file.path,
        rule: rule.id,
        severity,
        message,
        range: file.index.range(start, end),
        fixes: fixes ?? [],
      });
    };
    rule.check({ file, workspace, config, report });
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
  return diagnostics;
}

export function summarize(files: number, diagnostics: readonly Diagnostic[]): LintSummary {
  const summary: LintSummary = { files, errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') summary.errors++;
    else if (diagnostic.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
