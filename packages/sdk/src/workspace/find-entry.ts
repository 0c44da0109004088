import type { ParsedEntry } from '../catalog/parse';
import { Workspace } from '../catalog/workspace-service';
import { readWorkspaceSync } from './read';

/**
 * The catalogue entry that declares a resource code under a folder (or in one file), for jobs that need the
 * target of a mapping. Files are found as `unsilo lint` finds them and read for their facts only (no rule runs);
 * the first declaring file in walk order wins. Undefined when none declares it.
 */
export function findCatalogueEntry(
  place: string,
  code: string,
): { path: string; entry: ParsedEntry } | undefined {
  const workspace = new Workspace({ retainEntries: true });
  for (const file of readWorkspaceSync([place], place).entries) {
    workspace.update(file.path, file.text, { reference: true });
  }
  const [path] = workspace.declaring(code);
  const entry = path === undefined ? undefined : workspace.entry(path);
  return path === undefined || !entry ? undefined : { path, entry };
}
