import type { CatalogFile } from './parse';
import type { EntryPath } from './types';
import { hasWhitespace } from './whitespace';

/**
 * What whole-workspace rules need to know about one file, read once from its tree. The engine keeps these
 * few strings for every file instead of every file's tree, so a workspace of thousands of files is linted
 * one file at a time.
 */
export interface WorkspaceFile {
  path: string;
  /** `code`, trimmed; undefined when absent or blank. */
  code: string | undefined;
  /** `name` as written (not trimmed). */
  name: string | undefined;
  /** Provider identity (see `providerIdentity`). */
  provider: string | undefined;
  /** `provider.name` as written. */
  providerName: string | undefined;
  /** Provider and name without spaces: files with the same one clash (undefined without either). */
  nameKey: string | undefined;
  /** The codes `related` names, each with the path a diagnostic about it points at. */
  related: Array<{ at: EntryPath; code: string }>;
  /** Items declaring `source: authoritative` with a string key, in item order. */
  authoritative: Array<{ itemIndex: number; key: string }>;
}

export interface AuthoritativeItem {
  file: WorkspaceFile;
  itemIndex: number;
  /** Provider identity: its code, else its name. */
  provider: string;
}

/**
 * The facts whole-workspace rules need, gathered file by file over a lint run:
 * who declares which code, which names each provider uses, who claims to be the source of which item key.
 */
export class WorkspaceModel {
  readonly byCode = new Map<string, WorkspaceFile[]>();
  readonly byProviderAndName = new Map<string, WorkspaceFile[]>();
  readonly authoritativeByKey = new Map<string, AuthoritativeItem[]>();
  /** Item key → the distinct providers claiming to be its authoritative source. */
  readonly authoritativeProviders = new Map<string, Set<string>>();

  /** Records a parsed entry; the file's tree is not kept. */
  add(file: CatalogFile): WorkspaceFile {
    const facts = workspaceFileOf(file);
    const { code, provider, nameKey } = facts;
    if (code) push(this.byCode, code, facts);
    if (nameKey) push(this.byProviderAndName, nameKey, facts);
    if (provider) {
      for (const { itemIndex, key } of facts.authoritative) {
        if (!key) continue;
        push(this.authoritativeByKey, key, { file: facts, itemIndex, provider });
        const providers = this.authoritativeProviders.get(key);
        if (providers) providers.add(provider);
        else this.authoritativeProviders.set(key, new Set([provider]));
      }
    }
    return facts;
  }

  declares(code: string): boolean {
    return this.byCode.has(code.trim());
  }

  /** The files whose provider and name collide with this file's. */
  sameName(file: WorkspaceFile): WorkspaceFile[] {
    return (file.nameKey && this.byProviderAndName.get(file.nameKey)) || [];
  }
}

/** Reads what the workspace rules look at from a parsed entry. */
export function workspaceFileOf(file: CatalogFile): WorkspaceFile {
  const authoritative: WorkspaceFile['authoritative'] = [];
  const items = file.get(['items']);
  if (Array.isArray(items)) {
    items.forEach((item, itemIndex) => {
      if (!item || typeof item !== 'object' || (item as Record<string, unknown>).source !== 'authoritative')
        return;
      const key = (item as Record<string, unknown>).key;
      if (typeof key === 'string') authoritative.push({ itemIndex, key });
    });
  }
  const name = file.string(['name']);
  const provider = providerIdentity(file);
  return {
    path: file.path,
    code: file.string(['code'])?.trim() || undefined,
    name,
    provider,
    providerName: file.string(['provider', 'name']),
    nameKey: provider && name ? `${provider}\u0000${normalizeName(name)}` : undefined,
    related: relatedCodes(file),
    authoritative,
  };
}

/** The codes of `related`: a list, or one string of codes separated by commas, semicolons or spaces. */
function relatedCodes(file: CatalogFile): WorkspaceFile['related'] {
  const related = file.get(['related']);
  const codes: WorkspaceFile['related'] = [];
  if (Array.isArray(related)) {
    related.forEach((_, index) => {
      const code = file.string(['related', index]);
      if (code) codes.push({ at: ['related', index], code });
    });
  } else if (typeof related === 'string' || typeof related === 'number') {
    for (const code of String(file.string(['related'])).split(/[,;，；、\s]+/)) {
      if (code) codes.push({ at: ['related'], code });
    }
  }
  return codes;
}

/** A provider is identified by its code when it has one, else by its name. */
export function providerIdentity(file: CatalogFile): string | undefined {
  const code = file.string(['provider', 'code'])?.trim().toUpperCase();
  if (code) return code;
  const name = file.string(['provider', 'name'])?.trim();
  return name ? `name:${name}` : undefined;
}

/** Names compare without spaces of any width, so "户籍 人口" and "户籍人口" collide. */
export function normalizeName(name: string): string {
  return hasWhitespace(name) ? name.replace(/[\s\u3000]+/g, '') : name;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
