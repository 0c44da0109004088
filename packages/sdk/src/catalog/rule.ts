import type { ResolvedLintConfig } from './config';
import type { CatalogFile } from './parse';
import type { EntryPath, Fix, LocalizedText, Severity } from './types';
import type { WorkspaceModel } from './workspace';

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
  readonly workspace: WorkspaceModel;
  readonly config: ResolvedLintConfig;
  report(report: RuleReport): void;
}

/** A rule: data (id, default severity, description) and one small function over a parsed file. */
export interface RuleDefinition {
  id: string;
  severity: Severity;
  description: LocalizedText;
  hasFix: boolean;
  /** `workspace` rules look at other files through the workspace model. */
  scope: 'file' | 'workspace';
  check(context: RuleContext): void;
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: LocalizedText;
  docsUrl: string;
  hasFix: boolean;
  scope: 'file' | 'workspace';
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

export function docsUrl(id: string): string {
  return RULE_DOCS_BASE + id.replace(/[/]/g, '').toLowerCase();
}
