import { join, relative, sep } from 'node:path';
import { CONFIG_FILE, type LintConfig, unsiloKindOf } from '@unsilo/sdk/catalog';
import { readLintConfig, readWorkspace, readWorkspaceFile } from '@unsilo/sdk/workspace';

// What a catalogue or mapping file is, and where the config lives, are the SDK's: every host agrees on them.
export { CONFIG_FILE, type UnsiloFileKind, unsiloKindOf } from '@unsilo/sdk/catalog';

/** Larger files are left out: the server keeps every catalogue text in memory. */
const DISK_READ = { maxFileBytes: 2 * 1024 * 1024, skipUnreadable: true };

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
 * The texts of the workspace's catalogue files, open or not: the editor's text for open files, the disk's
 * otherwise. Only catalogue files keep their text (they are small); mapping files are merely known by path.
 * Files are found and read by `@unsilo/sdk/workspace`, as `unsilo lint` finds them; the linting is the
 * SDK's `Workspace` (see DiagnosticsService).
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
    return this.update(fsPath, await readWorkspaceFile(fsPath, DISK_READ), false);
  }

  async loadConfig(root: string): Promise<void> {
    const file = readLintConfig(join(root, CONFIG_FILE), DISK_READ);
    this.configs.set(
      root,
      file ? { config: file.config, fsPath: file.fsPath, text: file.text } : { config: {} },
    );
  }

  isConfigFile(fsPath: string): boolean {
    const root = this.rootOf(fsPath);
    return !!root && fsPath === join(root, CONFIG_FILE);
  }

  /** Reads every catalogue and mapping file under the workspace folders (the initial scan). */
  async scan(): Promise<{ files: number; ms: number }> {
    const started = Date.now();
    for (const root of this.roots) {
      await this.loadConfig(root);
      const { entries, mappings } = await readWorkspace([root], root, DISK_READ);
      for (const file of [...entries, ...mappings]) {
        if (!this.catalogue.get(file.fsPath)?.open) this.update(file.fsPath, file.text, false);
      }
    }
    return { files: this.catalogue.size, ms: Date.now() - started };
  }

  /** The `lint:` settings of a workspace folder (none for files outside every folder). */
  configOf(root: string | undefined): LintConfig {
    return (root && this.configs.get(root)?.config) || {};
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
