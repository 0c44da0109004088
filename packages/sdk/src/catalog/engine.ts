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

/** A rule the config leaves on, with the severity it reports at. */
interface Enabled<Rule> {
  rule: Rule;
  severity: Severity;
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
  const fileRules: Array<Enabled<FileRuleDefinition>> = [];
  const workspaceRules: Array<Enabled<WorkspaceRuleDefinition>> = [];
  for (const rule of ruleDefinitions) {
    const severity = config.severity(rule.id, rule.severity);
    if (severity === 'off') continue;
    if (rule.scope === 'file') fileRules.push({ rule, severity });
    else workspaceRules.push({ rule, severity });
  }
  const reporter = new Reporter();
  const workspace = new WorkspaceModel();
  const linted: LintedFile[] = [];
  for (const source of files) {
    if (config.isIgnored(source.path)) continue;
    const file = new CatalogFile(source.path, source.text);
    if (isOtherKind(file)) continue;
    const diagnostics = lintParsed(file, fileRules, config, reporter);
    const self = file.entry ? workspace.add(file) : undefined;
    linted.push({ source, diagnostics, self: file.diagnostics.length === 0 ? self : undefined });
  }
  const diagnostics: Diagnostic[] = [];
  for (const entry of linted) {
    if (entry.self && workspaceRules.length > 0) {
      const context = new WorkspaceContext(entry.source, entry.self, workspace, config, reporter.report);
      reporter.start(context, entry.diagnostics);
      for (const { rule, severity } of workspaceRules) {
        reporter.rule = rule.id;
        reporter.severity = severity;
        rule.check(context);
      }
      if (reporter.reported) sortDiagnostics(entry.diagnostics);
    }
    for (const diagnostic of entry.diagnostics) diagnostics.push(diagnostic);
  }
  return { diagnostics, linted };
}

function lintParsed(
  file: CatalogFile,
  rules: ReadonlyArray<Enabled<FileRuleDefinition>>,
  config: ResolvedLintConfig,
  reporter: Reporter,
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
  const context: RuleContext = { file, config, report: reporter.report };
  reporter.start(context, diagnostics);
  for (const { rule, severity } of rules) {
    reporter.rule = rule.id;
    reporter.severity = severity;
    rule.check(context);
  }
  if (reporter.reported) sortDiagnostics(diagnostics);
  return diagnostics;
}

/** What a whole-workspace rule sees of one file: its facts, and its tree parsed again only when asked for. */
class WorkspaceContext implements WorkspaceRuleContext {
  private parsed: CatalogFile | undefined;

  constructor(
    private readonly source: SourceFile,
    readonly self: WorkspaceFile,
    readonly workspace: WorkspaceModel,
    readonly config: ResolvedLintConfig,
    readonly report: (report: RuleReport) => void,
  ) {}

  get file(): CatalogFile {
    this.parsed ??= new CatalogFile(this.source.path, this.source.text);
    return this.parsed;
  }
}

/**
 * Turns a rule's report into a diagnostic of the rule being run. One reporter serves a whole run (its
 * `report` is made once, not once per file and rule); `start` points it at the next file.
 */
class Reporter {
  rule = '';
  severity: Severity = 'error';
  /** Whether anything was reported since `start`. */
  reported = false;
  private context: { readonly file: CatalogFile } | undefined;
  private diagnostics: Diagnostic[] = [];

  start(context: { readonly file: CatalogFile }, diagnostics: Diagnostic[]): void {
    this.context = context;
    this.diagnostics = diagnostics;
    this.reported = false;
  }

  readonly report = ({ at, part, message, fixes }: RuleReport): void => {
    const file = this.context!.file;
    const [start, end] = file.offsets(at, part);
    this.reported = true;
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
