import { elementOfItem } from './data-elements';
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
  /** Items declaring `source: authoritative` with a string key or a data element, in item order. */
  authoritative: AuthoritativeClaim[];
}

/**
 * One item's claim to be the authoritative source of its data. The data is the item's data element when one
 * is known — its `element`, else the element its name (or key) names exactly in the dictionary — and the item
 * key only without one, so `sfzh` and `gmsfhm` that are both 公民身份号码 are one piece of data.
 */
export interface AuthoritativeClaim {
  itemIndex: number;
  /** The item key as written ('' when it has none). */
  key: string;
  /** The data element id the claim is about (as written when declared), if any. */
  element?: string;
}

/** What a claim is about: its data element, else its item key ('' for neither). */
export function claimedData(claim: AuthoritativeClaim): string {
  return claim.element ?? claim.key;
}

export interface AuthoritativeItem {
  file: WorkspaceFile;
  itemIndex: number;
  /** Provider identity: its code, else its name. */
  provider: string;
}

/** The order files are listed in by the model (and so by cross-file messages): negative when `a` comes first. */
export type FileOrder = (a: WorkspaceFile, b: WorkspaceFile) => number;

/** The keys a file shares with others under the whole-workspace rules (see `WorkspaceModel.dependents`). */
export interface SharedKeys {
  codes: Set<string>;
  nameKeys: Set<string>;
  /** What authoritative claims are about (`claimedData`): data elements, or item keys without one. */
  itemKeys: Set<string>;
}

/**
 * The facts whole-workspace rules need, gathered file by file: who declares which code, which names each
 * provider uses, who claims to be the source of which data element (or item key, without an element). Files come and go (`add`, `remove`): each
 * list stays in the model's file order, so a message naming other files reads the same however the files
 * arrived.
 */
export class WorkspaceModel {
  readonly byCode = new Map<string, WorkspaceFile[]>();
  readonly byProviderAndName = new Map<string, WorkspaceFile[]>();
  /** Data element (or item key without one, see `claimedData`) → the claims to be its authoritative source. */
  readonly authoritativeByKey = new Map<string, AuthoritativeItem[]>();
  /** Data element (or item key) → the distinct providers claiming to be its authoritative source. */
  readonly authoritativeProviders = new Map<string, Set<string>>();
  /** Code (trimmed) → the files naming it in `related`: their related/unresolved depends on who declares it. */
  private readonly referencedBy = new Map<string, WorkspaceFile[]>();
  /** Data element (or item key) → the files claiming it, with a provider or not: their single-source/conflict depends on it. */
  private readonly claimants = new Map<string, WorkspaceFile[]>();

  /** Without an order, files are listed in the order they were added. */
  constructor(private readonly order: FileOrder = () => 0) {}

  /** Records a parsed entry; the file's tree is not kept. */
  add(file: CatalogFile): WorkspaceFile {
    return this.addFacts(workspaceFileOf(file));
  }

  /** Records what `workspaceFileOf` read from a file. */
  addFacts(facts: WorkspaceFile): WorkspaceFile {
    const { code, provider, nameKey } = facts;
    const byFile = (a: { file: WorkspaceFile }, b: { file: WorkspaceFile }) => this.order(a.file, b.file);
    if (code) insert(this.byCode, code, facts, this.order);
    if (nameKey) insert(this.byProviderAndName, nameKey, facts, this.order);
    for (const { code: related } of facts.related)
      insert(this.referencedBy, related.trim(), facts, this.order);
    for (const claim of facts.authoritative) {
      const key = claimedData(claim);
      if (!key) continue;
      insert(this.claimants, key, facts, this.order);
      if (!provider) continue;
      insert(this.authoritativeByKey, key, { file: facts, itemIndex: claim.itemIndex, provider }, byFile);
      const providers = this.authoritativeProviders.get(key);
      if (providers) providers.add(provider);
      else this.authoritativeProviders.set(key, new Set([provider]));
    }
    return facts;
  }

  /** Forgets a file `add` returned (its text changed, or it is gone). */
  remove(facts: WorkspaceFile): void {
    if (facts.code) discard(this.byCode, facts.code, (file) => file === facts);
    if (facts.nameKey) discard(this.byProviderAndName, facts.nameKey, (file) => file === facts);
    for (const { code } of facts.related) discard(this.referencedBy, code.trim(), (file) => file === facts);
    for (const claim of facts.authoritative) {
      const key = claimedData(claim);
      if (!key) continue;
      discard(this.claimants, key, (file) => file === facts);
      if (!facts.provider) continue;
      const left = discard(this.authoritativeByKey, key, (claim) => claim.file === facts);
      if (left.length === 0) this.authoritativeProviders.delete(key);
      else this.authoritativeProviders.set(key, new Set(left.map((claim) => claim.provider)));
    }
  }

  declares(code: string): boolean {
    return this.byCode.has(code.trim());
  }

  /** The files whose provider and name collide with this file's. */
  sameName(file: WorkspaceFile): WorkspaceFile[] {
    return (file.nameKey && this.byProviderAndName.get(file.nameKey)) || [];
  }

  /** Adds to `keys` what a file shares with others: a change of this file can change their findings. */
  collectKeys(facts: WorkspaceFile, keys: SharedKeys): void {
    if (facts.code) keys.codes.add(facts.code);
    if (facts.nameKey) keys.nameKeys.add(facts.nameKey);
    for (const claim of facts.authoritative) {
      const key = claimedData(claim);
      if (key) keys.itemKeys.add(key);
    }
  }

  /**
   * The files whose whole-workspace findings depend on these keys: those declaring or relating to a code,
   * those of a provider and name, those claiming a data element (or item key).
   */
  dependents(keys: SharedKeys, out: Set<WorkspaceFile>): Set<WorkspaceFile> {
    const addAll = (files: readonly WorkspaceFile[] | undefined) => {
      if (files) for (const file of files) out.add(file);
    };
    for (const code of keys.codes) {
      addAll(this.byCode.get(code));
      addAll(this.referencedBy.get(code));
    }
    for (const nameKey of keys.nameKeys) addAll(this.byProviderAndName.get(nameKey));
    for (const key of keys.itemKeys) addAll(this.claimants.get(key));
    return out;
  }
}

/** Reads what the workspace rules look at from a parsed entry. */
export function workspaceFileOf(file: CatalogFile): WorkspaceFile {
  const authoritative: AuthoritativeClaim[] = [];
  const items = file.get(['items']);
  if (Array.isArray(items)) {
    items.forEach((item, itemIndex) => {
      if (!item || typeof item !== 'object' || (item as Record<string, unknown>).source !== 'authoritative')
        return;
      const claim = authoritativeClaim(item as Record<string, unknown>, itemIndex);
      if (claim) authoritative.push(claim);
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

/** An authoritative item's claim: its declared element, else the element its name or key names, else its key. */
function authoritativeClaim(
  item: Record<string, unknown>,
  itemIndex: number,
): AuthoritativeClaim | undefined {
  const key = typeof item.key === 'string' ? item.key : '';
  const declared = typeof item.element === 'string' ? item.element.trim() : '';
  const element = declared || elementOfItem(item)?.id;
  if (element) return { itemIndex, key, element };
  return typeof item.key === 'string' ? { itemIndex, key } : undefined;
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

/** Puts a value into its key's list after every value that does not come later in the order. */
function insert<K, V>(map: Map<K, V[]>, key: K, value: V, order: (a: V, b: V) => number): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
    return;
  }
  if (order(list[list.length - 1]!, value) <= 0) {
    list.push(value);
    return;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (order(list[middle]!, value) <= 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, value);
}

/** Removes the values a test picks from a key's list (dropping the key when none is left); returns what is left. */
function discard<K, V>(map: Map<K, V[]>, key: K, picked: (value: V) => boolean): V[] {
  const list = map.get(key);
  if (!list) return [];
  const left = list.filter((value) => !picked(value));
  if (left.length === 0) map.delete(key);
  else map.set(key, left);
  return left;
}
