import { displayPath } from './elements';
import { lintEntry } from './engine';
import { parseCatalogFile } from './parse';
import type { CatalogStats, ProviderStats } from './report';
import type { Diagnostic, LintConfig, LintResult, LocalizedText, Severity, SourceFile } from './types';

/**
 * The list a catalogue office acts on, for `unsilo catalog report`: every error and warning with its department,
 * resource, file and line, field, message and fix — grouped by department, then resource, errors first — and
 * what to fix first (the rules that block registration, the departments with most errors).
 */

export interface ReportFinding {
  rule: string;
  severity: Severity;
  /** Relative to the catalogue folder, `/` separators. */
  file: string;
  line: number;
  column: number;
  /** The entry path the finding is about (`items[1].length`); `''` for the whole entry. */
  field: string;
  message: LocalizedText;
  /** The first fix offered: automatic ones `unsilo lint --fix` applies, suggestions the editor offers. */
  fix?: { title: LocalizedText; automatic: boolean };
}

export interface ReportResourceFindings {
  code: string;
  name: string;
  file: string;
  errors: number;
  warnings: number;
  findings: ReportFinding[];
}

export interface ReportDepartmentFindings {
  name: string;
  code: string;
  errors: number;
  warnings: number;
  resources: ReportResourceFindings[];
}

export interface BlockingRule {
  rule: string;
  /** Errors of the rule. */
  count: number;
  /** Entries (files) with at least one of them. */
  entries: number;
}

/** A department of "fix these first": one of those with most errors. */
export interface DepartmentErrors {
  name: string;
  code: string;
  errors: number;
  warnings: number;
  /** Its position in `departments` (its findings there; `#findings-<index + 1>` on the page). */
  index: number;
}

export interface CatalogFindings {
  /** Departments with findings, most errors first; index + 1 is the `#findings-N` anchor of the page. */
  departments: ReportDepartmentFindings[];
  /** The rules whose errors block registration, most entries first. */
  blocking: BlockingRule[];
  /** The departments with most errors (at most {@link MOST_ERRORS_SHOWN}, none without an error), most first. */
  mostErrors: DepartmentErrors[];
  errors: number;
  warnings: number;
}

export interface CatalogFindingsOptions {
  /** The config the workspace was linted with: the fields are found by linting each entry as a value. */
  config?: LintConfig;
  /** The catalogue folder: absolute file paths under it are shown relative to it. */
  root?: string;
}

/** How many departments "fix these first" names. */
export const MOST_ERRORS_SHOWN = 5;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const byErrorsFirst = (
  a: { errors: number; warnings: number; name: string },
  b: { errors: number; warnings: number; name: string },
) => b.errors - a.errors || b.warnings - a.warnings || a.name.localeCompare(b.name, 'zh');

/** Groups a workspace's errors and warnings (infos are advice, left to `unsilo lint`) for the report. */
export function catalogFindings(
  files: readonly SourceFile[],
  result: LintResult,
  stats: CatalogStats,
  options: CatalogFindingsOptions = {},
): CatalogFindings {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.severity === 'info') continue;
    byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
  }
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const departments: ReportDepartmentFindings[] = [];
  const placed = new Set<string>();
  for (const provider of stats.providers) {
    const resources = resourcesOf(provider, byFile, texts, options);
    for (const resource of provider.resources) placed.add(resource.file);
    if (resources.length > 0) departments.push(department(provider.name, provider.code, resources));
  }
  // Files the statistics leave out (a file that is not valid YAML has no provider to count under).
  const rest = [...byFile.keys()].filter((file) => !placed.has(file));
  if (rest.length > 0) {
    const resources = rest.map((file) =>
      resource({ file, code: '', name: '' }, byFile.get(file) ?? [], texts.get(file), options),
    );
    departments.push(department('', '', resources));
  }
  departments.sort(byErrorsFirst);
  return {
    departments,
    blocking: blockingRules(result.diagnostics),
    mostErrors: mostErrors(departments),
    errors: departments.reduce((n, d) => n + d.errors, 0),
    warnings: departments.reduce((n, d) => n + d.warnings, 0),
  };
}

function resourcesOf(
  provider: ProviderStats,
  byFile: Map<string, Diagnostic[]>,
  texts: Map<string, string>,
  options: CatalogFindingsOptions,
): ReportResourceFindings[] {
  return provider.resources
    .filter((stats) => (byFile.get(stats.file)?.length ?? 0) > 0)
    .map((stats) => resource(stats, byFile.get(stats.file) ?? [], texts.get(stats.file), options));
}

function department(
  name: string,
  code: string,
  resources: ReportResourceFindings[],
): ReportDepartmentFindings {
  resources.sort(byErrorsFirst);
  return {
    name,
    code,
    errors: resources.reduce((n, r) => n + r.errors, 0),
    warnings: resources.reduce((n, r) => n + r.warnings, 0),
    resources,
  };
}

function resource(
  stats: { file: string; code: string; name: string },
  diagnostics: Diagnostic[],
  text: string | undefined,
  options: CatalogFindingsOptions,
): ReportResourceFindings {
  const fields = fieldsOf(stats.file, text, diagnostics, options.config);
  const findings = diagnostics
    .map((diagnostic, i): ReportFinding => {
      const fix = diagnostic.fixes[0];
      return {
        rule: diagnostic.rule,
        severity: diagnostic.severity,
        file: relativeTo(options.root, diagnostic.file),
        line: diagnostic.range.start.line,
        column: diagnostic.range.start.column,
        field: fields[i] ?? '',
        message: diagnostic.message,
        ...(fix ? { fix: { title: fix.title, automatic: !fix.suggestion } } : {}),
      };
    })
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line || a.column - b.column,
    );
  return {
    code: stats.code,
    name: stats.name === stats.file ? '' : stats.name,
    file: relativeTo(options.root, stats.file),
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
  };
}

/**
 * The field of each diagnostic. A finding about a missing field points at its nearest present ancestor (the
 * first line, for a top-level field), so its position does not say which field: linting the entry as a value
 * does (each finding then carries the path its rule reported). Findings that only the text shows (cross-file
 * rules, spaces) fall back to the key or value under their position.
 */
function fieldsOf(
  path: string,
  text: string | undefined,
  diagnostics: Diagnostic[],
  config: LintConfig | undefined,
): string[] {
  if (text === undefined) return diagnostics.map(() => '');
  const file = parseCatalogFile(path, text);
  const asValue = file.entry ? lintEntry(path, file.entry, { config }).diagnostics : [];
  return diagnostics.map((diagnostic) => {
    const index = asValue.findIndex(
      (found) => found.rule === diagnostic.rule && found.message.en === diagnostic.message.en,
    );
    if (index >= 0) return asValue.splice(index, 1)[0]?.path ?? '';
    const at = file.pathAt(diagnostic.range.start.offset);
    return at ? displayPath(at.path) : '';
  });
}

/** The first departments of the list (sorted most errors first) that have errors. */
function mostErrors(departments: readonly ReportDepartmentFindings[]): DepartmentErrors[] {
  return departments
    .map(({ name, code, errors, warnings }, index) => ({ name, code, errors, warnings, index }))
    .filter((department) => department.errors > 0)
    .slice(0, MOST_ERRORS_SHOWN);
}

function blockingRules(diagnostics: readonly Diagnostic[]): BlockingRule[] {
  const rules = new Map<string, { count: number; files: Set<string> }>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 'error') continue;
    const rule = rules.get(diagnostic.rule) ?? { count: 0, files: new Set<string>() };
    rule.count++;
    rule.files.add(diagnostic.file);
    rules.set(diagnostic.rule, rule);
  }
  return [...rules.entries()]
    .map(([rule, { count, files }]) => ({ rule, count, entries: files.size }))
    .sort((a, b) => b.entries - a.entries || b.count - a.count || a.rule.localeCompare(b.rule));
}

/** A path under the folder without the folder; other paths as they are. Paths use `/` on every system. */
function relativeTo(root: string | undefined, path: string): string {
  const normal = path.replace(/\\/g, '/');
  if (!root) return normal;
  const base = root.replace(/\\/g, '/').replace(/\/+$/, '');
  return normal.startsWith(`${base}/`) ? normal.slice(base.length + 1) : normal;
}
