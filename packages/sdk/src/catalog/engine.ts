import { type ResolvedLintConfig, resolveConfig } from './config';
import { displayPath } from './elements';
import { CatalogFile } from './parse';
import type {
  FileRuleDefinition,
  RuleContext,
  RuleReport,
  WorkspaceRuleContext,
  WorkspaceRuleDefinition,
} from './rule';
import { ruleDefinitions } from './rules/index';
import type {
  Diagnostic,
  EntryPath,
  EntrySource,
  LintConfig,
  LintResult,
  LintSummary,
  Severity,
  SourceFile,
} from './types';
import { type WorkspaceFile, WorkspaceModel } from './workspace';

export interface LintOptions {
  config?: LintConfig;
}

export interface LintTextOptions extends LintOptions {
  /** Other files of the workspace, so that whole-workspace rules see them; only `path` is reported on. */
  workspace?: ReadonlyArray<SourceFile | EntrySource>;
}

/** A file to lint: its text, or the value of an entry that arrived already parsed. */
type LintSource = SourceFile | EntrySource;

function openFile(source: LintSource): CatalogFile {
  return 'text' in source
    ? new CatalogFile(source.path, source.text)
    : new CatalogFile(source.path, '', { entry: source.entry });
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
  return lintOne({ path, text }, options);
}

/**
 * Lints an entry that is already a value (JSON sent to the exchange) with the same rules, without writing it
 * out as text and parsing it again. Diagnostics carry `path` (`items[1].key`) and no fixes: there is no text
 * for a position or an edit. The value is linted as an entry whatever its `kind` says; one nested deeper than
 * MAX_NESTING_DEPTH gets a single `yaml/too-deep` error.
 */
export function lintEntry(path: string, entry: unknown, options: LintTextOptions = {}): LintResult {
  return lintOne({ path, entry }, options, path);
}

function lintOne(own: LintSource, options: LintTextOptions, entryPath?: string): LintResult {
  const others = (options.workspace ?? []).filter((file) => file.path !== own.path);
  const { diagnostics, linted } = run([own, ...others], options, entryPath);
  const mine = diagnostics.filter((diagnostic) => diagnostic.file === own.path);
  return {
    diagnostics: mine,
    summary: summarize(linted.some((file) => file.source.path === own.path) ? 1 : 0, mine),
  };
}

/** A rule the config leaves on, with the severity it reports at. */
interface Enabled<Rule> {
  rule: Rule;
  severity: Severity;
}

interface LintedFile {
  source: LintSource;
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
  files: readonly LintSource[],
  options: LintOptions,
  /** A file that is an entry whatever its `kind` says (an entry sent to the exchange). */
  entryPath?: string,
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
    const file = openFile(source);
    if (source.path !== entryPath && isOtherKind(file)) continue;
    const diagnostics = lintParsed(file, fileRules, config, reporter);
    const self = file.entry ? workspace.add(file) : undefined;
    linted.push({ source, diagnostics, self: file.diagnostics.length === 0 ? self : undefined });
  }
  const diagnostics: Diagnostic[] = [];
  for (const entry of linted) {
    if (entry.self && workspaceRules.length > 0) {
      const context = new WorkspaceContext(
        entry.source,
        entry.self,
        workspace,
        config,
        reporter.report,
        reporter.hasError,
      );
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
  // What the parser reports (`yaml/syntax`, `yaml/too-deep`) is configured like any rule.
  for (const diagnostic of file.diagnostics) {
    const severity = config.severity(diagnostic.rule, 'error');
    if (severity !== 'off')
      diagnostics.push({ ...diagnostic, severity, ...(file.fromValue ? { path: '' } : {}) });
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
        ...(file.fromValue ? { path: '' } : {}),
      });
    }
    return diagnostics;
  }
  const context: RuleContext = { file, config, report: reporter.report, hasError: reporter.hasError };
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
    private readonly source: LintSource,
    readonly self: WorkspaceFile,
    readonly workspace: WorkspaceModel,
    readonly config: ResolvedLintConfig,
    readonly report: (report: RuleReport) => void,
    readonly hasError: (path: EntryPath) => boolean,
  ) {}

  get file(): CatalogFile {
    this.parsed ??= openFile(this.source);
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
  /** The paths errors were reported at since `start`, as `pathKey` writes them. */
  private errorPaths: string[] = [];

  start(context: { readonly file: CatalogFile }, diagnostics: Diagnostic[]): void {
    this.context = context;
    this.diagnostics = diagnostics;
    this.reported = false;
    this.errorPaths = [];
  }

  readonly report = ({ at, part, message, fixes }: RuleReport): void => {
    const file = this.context!.file;
    const [start, end] = file.offsets(at, part);
    this.reported = true;
    if (this.severity === 'error') this.errorPaths.push(pathKey(at));
    this.diagnostics.push({
      file: file.path,
      rule: this.rule,
      severity: this.severity,
      message,
      range: file.index.range(start, end),
      // A file made from a value has no text: a position is all it gets, and no edit can apply.
      fixes: file.fromValue ? [] : (fixes ?? []),
      ...(file.fromValue ? { path: displayPath(at) } : {}),
    });
  };

  /** Whether an error was reported at the path or inside it, in this file, by a rule run before. */
  readonly hasError = (path: EntryPath): boolean => {
    if (this.errorPaths.length === 0) return false;
    const key = pathKey(path);
    const inside = `${key}\u001f`;
    return this.errorPaths.some((reported) => reported === key || key === '' || reported.startsWith(inside));
  };
}

/** A path as one string, its segments joined by U+001F (a control character no catalogue key is spelt with). */
function pathKey(path: EntryPath): string {
  return path.join('\u001f');
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
