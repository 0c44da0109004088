import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../catalog/detect';
import { WorkspaceReadError } from './errors';

/** A YAML file found under the paths given: where it is, and the path diagnostics show. */
export interface ListedFile {
  /** Absolute path on disk. */
  fsPath: string;
  /** Relative to the base folder, `/`-separated (absolute when it has no relative form). */
  path: string;
  /** Named on its own rather than found in a folder: linted whatever it holds. */
  explicit: boolean;
}

export interface ListOptions {
  /** Leave out folders that cannot be read instead of failing (an editor scanning in the background). */
  skipUnreadable?: boolean;
}

/** Folders of tools and builds: never catalogue folders. Hidden folders (`.git`, `.unsilo`…) are left out too. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'out']);

/** Whether a walk leaves a folder out. */
export function isSkippedDirectory(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/** Whether a file found in a folder may be a catalogue or mapping file: YAML, not hidden, not the config. */
export function isWorkspaceYaml(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.startsWith('.') && name !== CONFIG_FILE;
}

/**
 * The YAML files under the given paths, in the order every host reads them: each folder's entries sorted by
 * name (code units), depth first; files named explicitly where they stand. Links are followed, except a
 * link back to a folder being walked. A file is listed once, or twice when a folder gave it first and then it
 * is named explicitly (the reader keeps it once).
 */
export function listWorkspaceFiles(
  paths: readonly string[],
  base: string,
  options: ListOptions = {},
): ListedFile[] {
  const listed: ListedFile[] = [];
  /** Path on disk → listed explicitly. A file a folder gave is listed again when named: then it is linted. */
  const seen = new Map<string, boolean>();
  const add = (fsPath: string, path: string, explicit: boolean) => {
    const before = seen.get(fsPath);
    if (before === true || (before === false && !explicit)) return;
    seen.set(fsPath, explicit);
    listed.push({ fsPath, path, explicit });
  };
  for (const given of paths) {
    const absolute = resolve(base, given);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (!stat) {
      if (options.skipUnreadable) continue;
      throw new WorkspaceReadError('missing', given);
    }
    const shown = relative(base, absolute).split(sep).join('/');
    if (!stat.isDirectory()) add(absolute, shown || absolute, true);
    else walk(absolute, shown, [realpathOf(absolute)], add, options);
  }
  return listed;
}

/** `shown` is the folder relative to the base, `/`-separated ('' for the base itself). */
function walk(
  directory: string,
  shown: string,
  ancestors: string[],
  add: (fsPath: string, path: string, explicit: boolean) => void,
  options: ListOptions,
): void {
  let entries: Dirent[];
  try {
    // Entry types come with the listing: no stat per file, except to follow a link.
    entries = readdirSync(directory, { withFileTypes: true }).sort(byName);
  } catch (error) {
    if (options.skipUnreadable) return;
    throw new WorkspaceReadError('directory', directory, (error as Error).message);
  }
  for (const entry of entries) {
    const name = entry.name;
    const fsPath = join(directory, name);
    const path = shown ? `${shown}/${name}` : name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    const isLink = !isDirectory && !isFile;
    if (isLink) {
      const stat = statSync(fsPath, { throwIfNoEntry: false });
      isDirectory = stat?.isDirectory() ?? false;
      isFile = stat?.isFile() ?? false;
    }
    if (isDirectory && !isSkippedDirectory(name)) {
      const real = isLink ? realpathOf(fsPath) : join(ancestors[ancestors.length - 1]!, name);
      if (!ancestors.includes(real)) walk(fsPath, path, [...ancestors, real], add, options);
    } else if (isFile && isWorkspaceYaml(name)) add(fsPath, path, false);
  }
}

function realpathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Code-unit order, as `Array#sort` orders the names alone. */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The order of `listWorkspaceFiles` for paths relative to one folder: segment by segment, in code units. Hosts
 * that learn of files in another order (an editor) sort by it, so cross-file messages name files alike.
 */
export function compareWalkOrder(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
