/** Requests and notifications the extension's client and server exchange besides standard LSP. */

export const LintWorkspaceRequest = 'unsilo/lintWorkspace';
export interface LintWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  ms: number;
}

/** The catalogue file that declares a resource code, with its current (possibly unsaved) text. */
export const CatalogEntryRequest = 'unsilo/catalogEntry';
export interface CatalogEntryParams {
  code: string;
}
export interface CatalogEntryResult {
  uri: string;
  path: string;
  text: string;
}

/** Sent after every lint run, so views that depend on catalogue files (the mapping preview) can refresh. */
export const DidLintNotification = 'unsilo/didLint';
export interface DidLintParams {
  files: number;
  ms: number;
}
