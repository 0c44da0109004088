import type { ResolvedLintConfig } from './config';
import { displayPath } from './elements';
import { CatalogFile } from './parse';
import type { FileRuleDefinition, RuleContext, RuleReport, WorkspaceRuleDefinition } from './rule';
import { ruleDefinitions } from './rules/index';
import type { Diagnostic, EntryPath, EntrySource, Severity, SourceFile } from './types';

/** A file to lint: its text, or the value of an entry that arrived already parsed. */
export type LintSource = SourceFile | EntrySource;

export function openFile(source: LintSource): CatalogFile {
  return 'text' in source
    ? new CatalogFile(source.path, source.text)
    : new CatalogFile(source.path, '', { entry: source.entry });
}

/** A file is a catalogue entry unless it says it is something else (a mapping, a config…). */
export function isOtherKind(file: CatalogFile): boolean {
  const kind = file.entry?.kind;
  return typeof kind === 'string' && kind !== 'InformationResource';
}

/** A rule the config leaves on, with the severity it reports at. */
export interface Enabled<Rule> {
  rule: Rule;
  severity: Severity;
}

export interface EnabledRules {
  file: Array<Enabled<FileRuleDefinition>>;
  workspace: Array<Enabled<WorkspaceRuleDefinition>>;
}

/** The rules a config leaves on, per-file and whole-workspace apart, in registry order. */
export function enabledRules(config: ResolvedLintConfig): EnabledRules {
  const enabled: EnabledRules = { file: [], workspace: [] };
  for (const rule of ruleDefinitions) {
    const severity = config.severity(rule.id, rule.optIn ? 'off' : rule.severity);
    if (severity === 'off') continue;
    if (rule.scope === 'file') enabled.file.push({ rule, severity });
    else enabled.workspace.push({ rule, severity });
  }
  return enabled;
}

/** What the parser reported, then what every per-file rule finds, sorted by position. */
export function lintFileRules(
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
  reporter.start(file, diagnostics);
  for (const { rule, severity } of rules) {
    reporter.rule = rule.id;
    reporter.severity = severity;
    rule.check(context);
  }
  if (reporter.reported) sortDiagnostics(diagnostics);
  return diagnostics;
}

/**
 * Turns a rule's report into a diagnostic of the rule being run. One reporter serves a whole run (its
 * `report` is made once, not once per file and rule); `start` points it at the next file.
 */
export class Reporter {
  rule = '';
  severity: Severity = 'error';
  /** Whether anything was reported since `start`. */
  reported = false;
  private file: CatalogFile | undefined;
  private diagnostics: Diagnostic[] = [];
  /** The paths errors were reported at since `start`, as `pathKey` writes them. */
  private errorPaths: string[] = [];

  start(file: CatalogFile, diagnostics: Diagnostic[]): void {
    this.file = file;
    this.diagnostics = diagnostics;
    this.reported = false;
    this.errorPaths = [];
  }

  readonly report = (report: RuleReport): void => {
    this.reported = true;
    if (this.severity === 'error') this.errorPaths.push(pathKey(report.at));
    this.diagnostics.push(toDiagnostic(this.file!, this.rule, this.severity, report));
  };

  /** Whether an error was reported at the path or inside it, in this file, by a rule run before. */
  readonly hasError = (path: EntryPath): boolean => hasErrorAt(this.errorPaths, path);
}

/** A rule's report as a diagnostic of the file it is about. */
export function toDiagnostic(
  file: CatalogFile,
  rule: string,
  severity: Severity,
  { at, part, message, fixes }: RuleReport,
): Diagnostic {
  const [start, end] = file.offsets(at, part);
  return {
    file: file.path,
    rule,
    severity,
    message,
    range: file.index.range(start, end),
    // A file made from a value has no text: a position is all it gets, and no edit can apply.
    fixes: file.fromValue ? [] : (fixes ?? []),
    ...(file.fromValue ? { path: displayPath(at) } : {}),
  };
}

/** Whether one of the paths errors were reported at (`pathKey`) is this path or inside it. */
export function hasErrorAt(errorPaths: readonly string[], path: EntryPath): boolean {
  if (errorPaths.length === 0) return false;
  const key = pathKey(path);
  const inside = `${key}\u001f`;
  return errorPaths.some((reported) => reported === key || key === '' || reported.startsWith(inside));
}

/** A path as one string, its segments joined by U+001F (a control character no catalogue key is spelt with). */
export function pathKey(path: EntryPath): string {
  return path.join('\u001f');
}

export function sortDiagnostics(diagnostics: Diagnostic[]): void {
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
}
