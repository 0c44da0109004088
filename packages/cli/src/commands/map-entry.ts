import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parseCatalogFile } from '@unsilo/sdk/catalog';
import { type TargetEntry, targetEntryOf } from '@unsilo/sdk/mapping';
import { CliError } from '../util/cli-error';

/**
 * The catalogue entry whose code is the mapping's resource, and its file: `--catalog`, else `catalog/` beside
 * the mapping or above it, else in the cwd.
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
    const files = statSync(place).isDirectory() ? yamlFiles(place) : [place];
    for (const file of files) {
      const entry = targetEntryOf(parseCatalogFile(file, readFileSync(file, 'utf8')).entry);
      if (entry && entry.code === resource) return { entry, path: file };
    }
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

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (['.yaml', '.yml'].includes(extname(name)) && !name.includes('.mapping.')) out.push(path);
  }
  return out;
}
