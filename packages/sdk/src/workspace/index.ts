/**
 * `@unsilo/sdk/workspace`: a catalogue folder on disk (Node). Finds its entries, field mappings and config the
 * way every host does (`unsilo lint`, publishing, the language server, `unsilo map`), and opens them as one
 * incremental `Workspace` (from `@unsilo/sdk/catalog`).
 */

export { type LintConfigFile, readLintConfig, timeZoneOf } from './config-file';
export { WorkspaceReadError, type WorkspaceReadProblem } from './errors';
export { findCatalogueEntry } from './find-entry';
export {
  type GovernanceFiles,
  type GovernanceProblem,
  type ReadGovernanceOptions,
  readGovernance,
} from './governance-file';
export { type OpenedWorkspace, type OpenWorkspaceOptions, openWorkspace } from './open-workspace';
export {
  type ReadOptions,
  readWorkspace,
  readWorkspaceFile,
  readWorkspaceSync,
  type WorkspaceFiles,
  type WorkspaceText,
} from './read';
export {
  compareWalkOrder,
  isSkippedDirectory,
  isWorkspaceYaml,
  type ListedFile,
  type ListOptions,
  listWorkspaceFiles,
} from './walk';
