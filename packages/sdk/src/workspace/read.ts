import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { unsiloKindOf } from '../catalog/detect';
import { WorkspaceReadError } from './errors';
import { type ListedFile, type ListOptions, listWorkspaceFiles } from './walk';

/** A file of the workspace with its text. */
export interface WorkspaceText {
  /** Relative to the base folder, `/`-separated: what diagnostics show. */
  path: string;
  /** Absolute path on disk. */
  fsPath: string;
  text: string;
}

/** The Unsilo files found under some paths, each list in walk order. */
export interface WorkspaceFiles {
  /** Catalogue entries (and files named explicitly, whatever they hold). */
  entries: WorkspaceText[];
  /** Field mappings. */
  mappings: WorkspaceText[];
}

export interface ReadOptions extends ListOptions {
  /** Files larger than this are left out (an editor keeps every text in memory). */
  maxFileBytes?: number;
}

/**
 * Reads the catalogue entries and field mappings under the given paths, recognised by content
 * (`apiVersion: unsilo/v1` + `kind`); a UTF-8 byte order mark is dropped. Paths are relative to `base`.
 */
export function readWorkspaceSync(
  paths: readonly string[],
  base: string,
  options: ReadOptions = {},
): WorkspaceFiles {
  const files: WorkspaceFiles = { entries: [], mappings: [] };
  for (const listed of listWorkspaceFiles(paths, base, options)) {
    sortInto(files, listed, readTextSync(listed.fsPath, options));
  }
  return files;
}

/** `readWorkspaceSync`, reading the files a few dozen at a time without blocking. */
export async function readWorkspace(
  paths: readonly string[],
  base: string,
  options: ReadOptions = {},
): Promise<WorkspaceFiles> {
  const files: WorkspaceFiles = { entries: [], mappings: [] };
  const listed = listWorkspaceFiles(paths, base, options);
  for (let i = 0; i < listed.length; i += 64) {
    const batch = listed.slice(i, i + 64);
    const texts = await Promise.all(batch.map((file) => readWorkspaceFile(file.fsPath, options)));
    batch.forEach((file, j) => {
      sortInto(files, file, texts[j]);
    });
  }
  return files;
}

/** One file's text (byte order mark dropped); undefined when it is too large, or unreadable and that is allowed. */
export async function readWorkspaceFile(
  fsPath: string,
  options: ReadOptions = {},
): Promise<string | undefined> {
  try {
    if (options.maxFileBytes !== undefined) {
      const info = await stat(fsPath);
      if (!info.isFile() || info.size > options.maxFileBytes) return undefined;
    }
    return withoutBom(await readFile(fsPath, 'utf8'));
  } catch (error) {
    if (options.skipUnreadable) return undefined;
    throw new WorkspaceReadError('file', fsPath, (error as Error).message);
  }
}

function readTextSync(fsPath: string, options: ReadOptions): string | undefined {
  try {
    if (options.maxFileBytes !== undefined) {
      const info = statSync(fsPath);
      if (!info.isFile() || info.size > options.maxFileBytes) return undefined;
    }
    return withoutBom(readFileSync(fsPath, 'utf8'));
  } catch (error) {
    if (options.skipUnreadable) return undefined;
    throw new WorkspaceReadError('file', fsPath, (error as Error).message);
  }
}

function sortInto(files: WorkspaceFiles, listed: ListedFile, text: string | undefined): void {
  if (text === undefined) return;
  const kind = listed.explicit ? 'InformationResource' : unsiloKindOf(text);
  // A file a folder gave as an entry, named again explicitly, is one file.
  if (listed.explicit && files.entries.some((file) => file.fsPath === listed.fsPath)) return;
  if (kind === 'InformationResource') files.entries.push({ path: listed.path, fsPath: listed.fsPath, text });
  else if (kind === 'FieldMapping') files.mappings.push({ path: listed.path, fsPath: listed.fsPath, text });
}

/** A UTF-8 byte order mark is not part of the YAML. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
