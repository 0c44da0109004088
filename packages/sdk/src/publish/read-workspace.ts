import { resolve } from 'node:path';
import type { SourceFile } from '../catalog/types';
import { readWorkspace } from '../workspace/read';

/**
 * The catalogue entries of a directory (recursive), found as `unsilo lint`, publishing and the editor find
 * them (`@unsilo/sdk/workspace`); paths relative to the directory.
 */
export async function readCatalogDirectory(dir: string): Promise<SourceFile[]> {
  const folder = resolve(dir);
  return (await readWorkspace([folder], folder)).entries.map(({ path, text }) => ({ path, text }));
}
