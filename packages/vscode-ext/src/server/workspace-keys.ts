import { type CatalogFile, parseCatalogFile } from '@unsilo/sdk/catalog';

/**
 * What links a catalogue file to others under the whole-workspace rules: its code (code/duplicate), its name
 * (name/duplicate), the item keys it claims authority for (single-source/conflict) and the codes it relates to
 * (related/unresolved). Keys may over-match (a name without its provider): that only lints a neighbour more.
 */
export interface WorkspaceKeys {
  code?: string;
  name?: string;
  authoritative: string[];
  related: string[];
}

export type KeyKind = 'code' | 'name' | 'authoritative';

const normalizeName = (name: string) => name.replace(/[\s\u3000]+/g, '');

export function workspaceKeysOf(path: string, text: string): WorkspaceKeys {
  return keysOfParsed(parseCatalogFile(path, text));
}

export function keysOfParsed(file: CatalogFile): WorkspaceKeys {
  const keys: WorkspaceKeys = { authoritative: [], related: [] };
  if (!file.entry) return keys;
  const code = file.string(['code'])?.trim();
  if (code) keys.code = code;
  const name = file.string(['name']);
  if (name) keys.name = normalizeName(name);
  const items = file.get(['items']);
  if (Array.isArray(items)) {
    for (const item of items) {
      if (item && typeof item === 'object' && (item as Record<string, unknown>).source === 'authoritative') {
        const key = (item as Record<string, unknown>).key;
        if (typeof key === 'string' && key) keys.authoritative.push(key);
      }
    }
  }
  const related = file.get(['related']);
  if (Array.isArray(related)) {
    related.forEach((_, index) => {
      const value = file.string(['related', index])?.trim();
      if (value) keys.related.push(value);
    });
  } else if (typeof related === 'string' || typeof related === 'number') {
    for (const value of String(file.string(['related'])).split(/[,;，；、\s]+/)) {
      if (value.trim()) keys.related.push(value.trim());
    }
  }
  return keys;
}

/** Files by key, to find the neighbours a file's workspace rules depend on. */
export class KeyIndex {
  private readonly byCode = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byAuthoritative = new Map<string, Set<string>>();
  /** Code → files that list it in `related`. */
  private readonly referencedBy = new Map<string, Set<string>>();
  readonly keys = new Map<string, WorkspaceKeys>();

  set(id: string, keys: WorkspaceKeys | undefined): WorkspaceKeys | undefined {
    const previous = this.keys.get(id);
    if (previous) this.index(id, previous, false);
    if (keys) {
      this.keys.set(id, keys);
      this.index(id, keys, true);
    } else this.keys.delete(id);
    return previous;
  }

  clear(): void {
    for (const map of [this.byCode, this.byName, this.byAuthoritative, this.referencedBy]) map.clear();
    this.keys.clear();
  }

  /** The files whose diagnostics a file with these keys can change, and that can change its own. */
  neighbours(keys: WorkspaceKeys, out: Set<string>): Set<string> {
    const add = (set: Set<string> | undefined) => {
      if (set) for (const id of set) out.add(id);
    };
    if (keys.code) {
      add(this.byCode.get(keys.code));
      add(this.referencedBy.get(keys.code));
    }
    if (keys.name) add(this.byName.get(keys.name));
    for (const key of keys.authoritative) add(this.byAuthoritative.get(key));
    for (const code of keys.related) add(this.byCode.get(code));
    return out;
  }

  private index(id: string, keys: WorkspaceKeys, add: boolean): void {
    const touch = (map: Map<string, Set<string>>, key: string) => {
      let set = map.get(key);
      if (add) {
        if (!set) {
          set = new Set();
          map.set(key, set);
        }
        set.add(id);
      } else if (set) {
        set.delete(id);
        if (set.size === 0) map.delete(key);
      }
    };
    if (keys.code) touch(this.byCode, keys.code);
    if (keys.name) touch(this.byName, keys.name);
    for (const key of keys.authoritative) touch(this.byAuthoritative, key);
    for (const code of keys.related) touch(this.referencedBy, code);
  }
}

/**
 * The order `unsilo lint` reads files in: a depth-first walk with each folder's entries sorted. Rules that
 * name other files list them in this order, so the editor sorts the same way.
 */
export function compareCliOrder(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
