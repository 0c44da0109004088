import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type TargetEntry, targetEntryOf } from '@unsilo/sdk/mapping';
import { findCatalogueEntry } from '@unsilo/sdk/workspace';
import { CliError } from '../util/cli-error';

/**
 * The catalogue entry whose code is the mapping's resource, and its file: `--catalog`, else `catalog/` beside
 * the mapping or above it, else in the cwd. Entries are found as `unsilo lint` finds them.
 */
export function findEntry(
  resource: string,
  catalog: string | undefined,
  mappingPath: string,
): { entry: TargetEntry; path: string } {
  const candidates = catalog
    ? [resolve(catalog)]
    : [...catalogDirsAbove(dirname(resolve(mappingPath))), join(process.cwd(), 'catalog')];
  const searched: string[] = [];
  for (const place of candidates) {
    if (!existsSync(place)) continue;
    searched.push(place);
    const found = findCatalogueEntry(place, resource);
    const entry = found && targetEntryOf(found.entry);
    if (found && entry) return { entry, path: resolve(place, found.path) };
  }
  throw new CliError(
    'mapping/entry-not-found',
    `no catalogue entry with code ${resource} in ${searched.length ? searched.join(', ') : candidates.join(', ')} (use --catalog DIR|FILE) / 找不到代码为 ${resource} 的目录条目`,
    2,
  );
}

/** `catalog/` in the mapping's folder and in each folder above it. */
function catalogDirsAbove(start: string): string[] {
  const out: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    out.push(join(dir, 'catalog'));
    if (dirname(dir) === dir) return out;
  }
}
