import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from '../catalog/types';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out']);

/** The YAML files of a catalogue directory (recursive; hidden folders, mappings and the config left out). */
export async function readCatalogDirectory(dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path);
        continue;
      }
      if (!/\.ya?ml$/i.test(entry.name)) continue;
      if (/\.mapping\.ya?ml$/i.test(entry.name) || /^unsilo\.config\.ya?ml$/i.test(entry.name)) continue;
      files.push({ path: relative(dir, path).split(sep).join('/'), text: await readFile(path, 'utf8') });
    }
  };
  await walk(dir);
  return files;
}
