import { type ResolvedLintConfig, resolveConfig } from './config';
import { CatalogFile } from './parse';
import type {
  FileRuleDefinition,
  RuleContext,
  RuleReport,
  WorkspaceRuleContext,
  WorkspaceRuleDefinition,
} from './rule';
import { ruleDefinitions } from './rules/index';
import type { Diagnostic, LintConfig, LintResult, LintSummary, Severity, SourceFile } from './types';
import { type WorkspaceFile, WorkspaceModel } from './workspace';

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
  return {
    diagnostics: own,
    summary: summarize(linted.some((file) => file.source.path === path) ? 1 : 0, own),
  };
}

interface LintedFile {
  source: SourceFile;
  diagnostics: Diagnostic[];
  /** The file's facts in the workspace model; undefined when workspace rules skip the file (no entry, bad YAML). */
  self: WorkspaceFile | undefined;
}

/**
 * Two passes. The first parses each file, runs the per-file rules and records the file in the workspace
 * model, then lets its tree go: a workspace of thousands of files never holds thousands of trees. The
 * second runs the whole-workspace rules on the model's facts; a file is parsed again only when one of
 * them reports on it.
 */
function run(
  files: readonly SourceFile[],
  options: LintOptions,
): { diagnostics: Diagnostic[]; linted: LintedFile[] } {
  const config = resolveConfig(options.config);
  const fileRules: Array<[FileRuleDefinition, Severity]> = [];
  const workspaceRules: Array<[WorkspaceRuleDefinition, Severity]> = [];
  for (const rule of ruleDefinitions) {
    const severity = config.severity(rule.id, rule.severity);
    if (severity === 'off') continue;
    if (rule.scope === 'file') fileRules.push([rule, severity]);
    else workspaceRules.push([rule, severity]);
  }
  const workspace = new WorkspaceModel();
  const linted: LintedFile[] = [];
  for (const source of files) {
    if (config.isIgnored(source.path)) continue;
    const file = new CatalogFile(source.path, source.text);
    if (isOtherKind(file)) continue;
    const diagnostics = lintParsed(file, fileRules, config);
    const self = file.entry ? workspace.add(file) : undefined;
    linted.push({ source, diagnostics, self: file.diagnostics.length === 0 ? self : undefined });
  }
  const diagnostics: Diagnostic[] = [];
  for (const entry of linted) {
    if (entry.self && workspaceRules.length > 0) {
      const before = entry.diagnostics.length;
      runWorkspaceRules(entry, workspace, workspaceRules, config);
      if (entry.diagnostics.length > before) sortDiagnostics(entry.diagnostics);
    }
    for (const diagnostic of entry.diagnostics) diagnostics.push(diagnostic);
  }
  return { diagnostics, linted };
}

function lintParsed(
  file: CatalogFile,
  rules: ReadonlyArray<[FileRuleDefinition, Severity]>,
  config: ResolvedLintConfig,
): Diagnostic[] {
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
  const reporter = new Reporter(file, diagnostics);
  const context: RuleContext = { file, config, report: reporter.report };
  for (const [rule, severity] of rules) {
    reporter.rule = rule.id;
    reporter.severity = severity;
    rule.check(context);
  }
  sortDiagnostics(diagnostics);
  return diagnostics;
}

function runWorkspaceRules(
  entry: LintedFile,
  workspace: WorkspaceModel,
  rules: ReadonlyArray<[WorkspaceRuleDefinition, Severity]>,
  config: ResolvedLintConfig,
): void {
  const { source } = entry;
  let parsed: CatalogFile | undefined;
  const fileOf = () => {
    parsed ??= new CatalogFile(source.path, source.text);
    return parsed;
  };
  const reporter = new Reporter(fileOf, entry.diagnostics);
  const context: WorkspaceRuleContext = {
    get file() {
      return fileOf();
    },
    config,
    workspace,
    self: entry.self!,
    report: reporter.report,
  };
  for (const [rule, severity] of rules) {
    reporter.rule = rule.id;
    reporter.severity = severity;
    rule.check(context);
  }
}

/** Turns a rule's report into a diagnostic of the rule being run: one reporter per file, not per rule. */
class Reporter {
  rule = '';
  severity: Severity = 'error';

  constructor(
    private readonly file: CatalogFile | (() => CatalogFile),
    private readonly diagnostics: Diagnostic[],
  ) {}

  readonly report = ({ at, part, message, fixes }: RuleReport): void => {
    const file = typeof this.file === 'function' ? this.file() : this.file;
    const [start, end] = file.offsets(at, part);
    this.diagnostics.push({
      file: file.path,
      rule: this.rule,
      severity: this.severity,
      message,
      range: file.index.range(start, end),
      fixes: fixes ?? [],
    });
  };
}

function sortDiagnostics(diagnostics: Diagnostic[]): void {
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
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
