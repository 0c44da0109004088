import { join, resolve } from 'node:path';
import { CONFIG_FILE } from '../catalog/detect';
import { Workspace, type WorkspaceOptions } from '../catalog/workspace-service';
import { type LintConfigFile, readLintConfig } from './config-file';
import { type ReadOptions, readWorkspace, type WorkspaceFiles } from './read';

export interface OpenWorkspaceOptions extends ReadOptions, WorkspaceOptions {}

export interface OpenedWorkspace {
  workspace: Workspace;
  files: WorkspaceFiles;
  /** `unsilo.config.yaml` of the folder, read when no `config` was given (undefined when there is none). */
  configFile?: LintConfigFile;
}

/**
 * A catalogue folder as one Workspace: its entries and mappings found by content, its config (the given one,
 * else the folder's `unsilo.config.yaml`), every entry added (nothing is linted until asked).
 */
export async function openWorkspace(
  root: string,
  options: OpenWorkspaceOptions = {},
): Promise<OpenedWorkspace> {
  const configFile = options.config === undefined ? readLintConfig(join(root, CONFIG_FILE)) : undefined;
  // The folder is also the base its files are named from: given relative, it would be looked for inside itself.
  const folder = resolve(root);
  const files = await readWorkspace([folder], folder, options);
  const workspace = new Workspace({ ...options, config: options.config ?? configFile?.config });
  for (const file of files.entries) workspace.update(file.path, file.text);
  return { workspace, files, ...(configFile ? { configFile } : {}) };
}
