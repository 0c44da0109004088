import type { ResolvedLintConfig } from './config';
import type { CatalogFile } from './parse';
import type { EntryPath, Fix, LocalizedText, Severity } from './types';
import type { WorkspaceFile, WorkspaceModel } from './workspace';

/** Where rule documentation lives (one anchor per rule id in the SDK README). */
export const RULE_DOCS_BASE = 'https://github.com/unsilo/unsilo/blob/main/packages/sdk/README.md#';

export interface RuleReport {
  /** The path the diagnostic points at; an absent path points at its nearest present ancestor. */
  at: EntryPath;
  /** Point at the key (`share:`) or at its value (the default). */
  part?: 'key' | 'value';
  message: LocalizedText;
  fixes?: Fix[];
}

export interface RuleContext {
  readonly file: CatalogFile;
  readonly config: ResolvedLintConfig;
  report(report: RuleReport): void;
  /**
   * Whether a rule that ran before this one reported an error at the path or inside it — so a catch-all rule
   * (schema/contract) stays silent where a specific rule has already said what is wrong.
   */
  hasError(path: EntryPath): boolean;
}

/**
 * Whole-workspace rules run once every file has been read. They decide from the facts the workspace model
 * keeps (`self` is this file's); `file` is this file parsed again, on first use — so only a file a rule
 * reports on pays for it.
 */
export interface WorkspaceRuleContext extends RuleContext {
  readonly workspace: WorkspaceModel;
  readonly self: WorkspaceFile;
}

interface RuleData {
  id: string;
  severity: Severity;
  description: LocalizedText;
  hasFix: boolean;
  /**
   * Off unless the config gives it a severity (`lint.rules`); `severity` is then the level the docs suggest.
   * For advice most existing catalogues would see on nearly every item.
   */
  optIn?: boolean;
}

/** A rule: data (id, default severity, description) and one small function over a parsed file. */
export interface FileRuleDefinition extends RuleData {
  scope: 'file';
  check(context: RuleContext): void;
}

/** A rule that looks at other files through the workspace model. */
export interface WorkspaceRuleDefinition extends RuleData {
  scope: 'workspace';
  check(context: WorkspaceRuleContext): void;
}

export type RuleDefinition = FileRuleDefinition | WorkspaceRuleDefinition;

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: LocalizedText;
  docsUrl: string;
  hasFix: boolean;
  scope: 'file' | 'workspace';
  /** Off unless the config gives it a severity (see `RuleData.optIn`). */
  optIn?: boolean;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

export function docsUrl(id: string): string {
  return RULE_DOCS_BASE + id.replace(/[/]/g, '').toLowerCase();
}
