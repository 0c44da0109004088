import type { LintSource } from './lint-file';
import { summarize } from './summary';
import type { EntrySource, LintConfig, LintResult, SourceFile } from './types';
import { Workspace } from './workspace-service';

export { summarize } from './summary';

export interface LintOptions {
  config?: LintConfig;
}

export interface LintTextOptions extends LintOptions {
  /** Other files of the workspace, so that whole-workspace rules see them; only `path` is reported on. */
  workspace?: ReadonlyArray<SourceFile | EntrySource>;
}

/**
 * Lints a whole workspace: every file is parsed once, its facts go into the workspace model, then the
 * whole-workspace rules run on the facts. A file given twice under one path is two files.
 */
export function lintWorkspace(files: readonly SourceFile[], options: LintOptions = {}): LintResult {
  const workspace = new Workspace({ config: options.config });
  const seen = new Set<string>();
  files.forEach((file, index) => {
    const id = seen.has(file.path) ? `${file.path}\u0000${index}` : file.path;
    seen.add(file.path);
    workspace.put(id, file);
  });
  return workspace.lint();
}

/** Lints one file; pass the rest of the workspace in `options.workspace` for the cross-file rules. */
export function lintText(path: string, text: string, options: LintTextOptions = {}): LintResult {
  return lintOne({ path, text }, options, false);
}

/**
 * Lints an entry that is already a value (JSON sent to the exchange) with the same rules, without writing it
 * out as text and parsing it again. Diagnostics carry `path` (`items[1].key`) and no fixes: there is no text
 * for a position or an edit. The value is linted as an entry whatever its `kind` says; one nested deeper than
 * MAX_NESTING_DEPTH gets a single `yaml/too-deep` error.
 */
export function lintEntry(path: string, entry: unknown, options: LintTextOptions = {}): LintResult {
  return lintOne({ path, entry }, options, true);
}

/** The other files only lend their facts to the cross-file rules: no rule runs on them. */
function lintOne(own: LintSource, options: LintTextOptions, asEntry: boolean): LintResult {
  const workspace = new Workspace({ config: options.config });
  workspace.put(own.path, own, { asEntry });
  (options.workspace ?? []).forEach((other, index) => {
    if (other.path !== own.path) workspace.put(`${other.path}\u0000${index}`, other, { reference: true });
  });
  const diagnostics = workspace.diagnostics(own.path);
  return {
    diagnostics: diagnostics ?? [],
    summary: summarize(diagnostics ? 1 : 0, diagnostics ?? []),
  };
}
