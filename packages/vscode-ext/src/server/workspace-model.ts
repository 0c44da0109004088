import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isCatalogEntryText, type LintConfig, parseConfig } from '@unsilo/sdk/catalog';

export type UnsiloFileKind = 'InformationResource' | 'FieldMapping';

const API_VERSION = /^apiVersion:[ \t]*["']?unsilo\/v1["']?[ \t]*(?:#.*)?$/m;
const KIND = /^kind:[ \t]*["']?(InformationResource|FieldMapping)["']?[ \t]*(?:#.*)?$/m;

/** Catalogue and mapping files are recognised by content (`apiVersion: unsilo/v1` + `kind`), whatever their name. */
export function unsiloKindOf(text: string): UnsiloFileKind | undefined {
  // The linter's own test first, so the editor and `unsilo lint` agree on what a catalogue file is.
  if (isCatalogEntryText(text)) return 'InformationResource';
  if (!API_VERSION.test(text)) return undefined;
  return KIND.exec(text)?.[1] === 'FieldMapping' ? 'FieldMapping' : undefined;
}

export const CONFIG_FILE = 'unsilo.config.yaml';
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  '.tools',
  '.unsilo',
  '.artifacts',
]);
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface CatalogueFile {
  /** Absolute path on disk. */
  fsPath: string;
  /** Path relative to its workspace folder, `/`-separated: what the CLI prints when run from that folder. */
  path: string;
  text: string;
  /** Open in the editor: its text is the editor's, not the disk's. */
  open: boolean;
}

export interface ConfigState {
  config: LintConfig;
  fsPath?: string;
  text?: string;
}

/**
 * The catalogue files of the workspace, open or not: the editor's text for open files, the disk's otherwise.
 * Only catalogue files keep their text (they are small); mapping files are merely known by path.
 */
export class WorkspaceModel {
  readonly catalogue = new Map<string, CatalogueFile>();
  readonly mappings = new Set<string>();
  readonly configs = new Map<string, ConfigState>();
  /** Catalogue files added, changed or removed since the linter last looked (it drains this set). */
  readonly changed = new Set<string>();

  constructor(readonly roots: string[]) {
    for (const root of roots) this.configs.set(root, { config: {} });
  }

  rootOf(fsPath: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots) {
      if ((fsPath === root || fsPath.startsWith(root + sep)) && (!best || root.length > best.length))
        best = root;
    }
    return best;
  }

  relativePath(fsPath: string): string {
    const root = this.rootOf(fsPath);
    return (root ? relative(root, fsPath) : fsPath).split(sep).join('/');
  }

  /** Records a file's current text; returns true when the set of catalogue files or their text changed. */
  update(fsPath: string, text: string | undefined, open: boolean): boolean {
    const previous = this.catalogue.get(fsPath);
    if (previous && !open && previous.open) return false; // the editor's text wins while the file is open
    const kind = text === undefined ? undefined : unsiloKindOf(text);
    if (kind === 'FieldMapping') this.mappings.add(fsPath);
    else this.mappings.delete(fsPath);
    if (kind !== 'InformationResource' || text === undefined) {
      const removed = this.catalogue.delete(fsPath);
      if (removed) this.changed.add(fsPath);
      return removed;
    }
    if (previous && previous.text === text && previous.open === open) return false;
    this.catalogue.set(fsPath, { fsPath, path: this.relativePath(fsPath), text, open });
    this.changed.add(fsPath);
    return true;
  }

  /** The editor closed a file: from now on its disk content counts. */
  async close(fsPath: string): Promise<boolean> {
    const previous = this.catalogue.get(fsPath);
    if (previous) previous.open = false;
    return this.update(fsPath, await readText(fsPath), false);
  }

  async loadConfig(root: string): Promise<void> {
    const fsPath = join(root, CONFIG_FILE);
    const text = await readText(fsPath);
    this.configs.set(
      root,
      text === undefined ? { config: {} } : { config: parseConfig(text).config, fsPath, text },
    );
  }

  isConfigFile(fsPath: string): boolean {
    const root = this.rootOf(fsPath);
    return !!root && fsPath === join(root, CONFIG_FILE);
  }

  /** Reads every catalogue file under the workspace folders (the initial scan). */
  async scan(): Promise<{ files: number; ms: number }> {
    const started = Date.now();
    for (const root of this.roots) {
      await this.loadConfig(root);
      const paths: string[] = [];
      await collectYaml(root, paths);
      for (let i = 0; i < paths.length; i += 64) {
        const batch = paths.slice(i, i + 64);
        const texts = await Promise.all(batch.map(readText));
        batch.forEach((p, j) => {
          const open = this.catalogue.get(p)?.open;
          if (!open) this.update(p, texts[j], false);
        });
      }
    }
    return { files: this.catalogue.size, ms: Date.now() - started };
  }

  /** Catalogue files grouped by workspace folder, each with that folder's config (as `unsilo lint` run there). */
  groups(): Array<{ root: string | undefined; config: LintConfig; files: CatalogueFile[] }> {
    const byRoot = new Map<string | undefined, CatalogueFile[]>();
    for (const file of this.catalogue.values()) {
      const root = this.rootOf(file.fsPath);
      const list = byRoot.get(root);
      if (list) list.push(file);
      else byRoot.set(root, [file]);
    }
    return [...byRoot].map(([root, files]) => ({
      root,
      config: (root && this.configs.get(root)?.config) || {},
      files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    }));
  }

  /** The catalogue file that declares a resource code (for the mapping preview and hovers). */
  findByCode(code: string): CatalogueFile | undefined {
    const wanted = code.trim();
    const pattern = /^code:[ \t]*["']?([^"'#\s]+)/m;
    for (const file of this.catalogue.values()) {
      if (pattern.exec(file.text)?.[1] === wanted) return file;
    }
    return undefined;
  }

  /** Resource codes declared in the workspace, with the resource's name (for completion of `related`). */
  resourceCodes(): Array<{ code: string; name: string; path: string }> {
    const out: Array<{ code: string; name: string; path: string }> = [];
    for (const file of this.catalogue.values()) {
      const code = /^code:[ \t]*["']?([^"'#\s]+)/m.exec(file.text)?.[1];
      const name = /^name:[ \t]*["']?([^"'#\n]*?)["']?[ \t]*(?:#.*)?$/m.exec(file.text)?.[1] ?? '';
      if (code) out.push({ code, name, path: file.path });
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }
}

async function readText(fsPath: string): Promise<string | undefined> {
  try {
    const info = await stat(fsPath);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    // A byte-order mark is dropped, as the CLI does.
    return (await readFile(fsPath, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

async function collectYaml(dir: string, out: string[]): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await collectYaml(join(dir, entry.name), out);
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && entry.name !== CONFIG_FILE) {
      out.push(join(dir, entry.name));
    }
  }
}
