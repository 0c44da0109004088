import type { ResolvedLintConfig } from './config';
import { type Enabled, hasErrorAt, pathKey, sortDiagnostics, toDiagnostic } from './lint-file';
import type { CatalogFile } from './parse';
import type { RuleReport, WorkspaceRuleContext, WorkspaceRuleDefinition } from './rule';
import type { Diagnostic, Severity } from './types';
import type { WorkspaceFile, WorkspaceModel } from './workspace';

/** What a whole-workspace rule reported on a file, before it is given a position in the file's text. */
export interface UnplacedFinding {
  rule: string;
  severity: Severity;
  report: RuleReport;
}

/**
 * Runs the whole-workspace rules on one file's facts. Their reports need no tree, so a file whose findings
 * did not change keeps its diagnostics without being parsed again; `openTree` is called only if a rule reads
 * the file itself.
 */
export function crossFileFindings(
  self: WorkspaceFile,
  workspace: WorkspaceModel,
  config: ResolvedLintConfig,
  rules: ReadonlyArray<Enabled<WorkspaceRuleDefinition>>,
  openTree: () => CatalogFile,
): UnplacedFinding[] {
  const findings: UnplacedFinding[] = [];
  const errorPaths: string[] = [];
  let current: Enabled<WorkspaceRuleDefinition> | undefined;
  let tree: CatalogFile | undefined;
  const context: WorkspaceRuleContext = {
    self,
    workspace,
    config,
    get file() {
      tree ??= openTree();
      return tree;
    },
    report(report) {
      const { rule, severity } = current!;
      if (severity === 'error') errorPaths.push(pathKey(report.at));
      findings.push({ rule: rule.id, severity, report });
    },
    hasError: (path) => hasErrorAt(errorPaths, path),
  };
  for (const enabled of rules) {
    current = enabled;
    enabled.rule.check(context);
  }
  return findings;
}

/** The findings as diagnostics, positioned in the file they are about. */
export function positionFindings(file: CatalogFile, findings: readonly UnplacedFinding[]): Diagnostic[] {
  return findings.map(({ rule, severity, report }) => toDiagnostic(file, rule, severity, report));
}

/** A file's own diagnostics and its cross-file ones, in position order. */
export function mergeDiagnostics(own: Diagnostic[], crossFile: readonly Diagnostic[]): Diagnostic[] {
  if (crossFile.length === 0) return own;
  const merged = [...own, ...crossFile];
  sortDiagnostics(merged);
  return merged;
}
