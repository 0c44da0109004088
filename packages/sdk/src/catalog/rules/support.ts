import type { CatalogFile } from '../parse';
import type { EntryPath } from '../types';
import { canonicalToken, type VocabularyName } from '../vocabulary';
import type { WorkspaceFile } from '../workspace';

/** An absent, null, blank or empty value. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** The vocabulary token a value stands for, whether written as the token, a Chinese label or an alias. */
export function tokenAt(file: CatalogFile, path: EntryPath, vocabulary: VocabularyName): string | undefined {
  const value = file.string(path);
  return value === undefined ? undefined : canonicalToken(vocabulary, value);
}

type ItemList = Array<{ index: number; item: Record<string, unknown> }>;

/**
 * The last file asked about and its items. Rules run file after file, each asking about the same file, so one
 * entry is enough (a weak map of every file would be work for the garbage collector).
 */
let last: { file: CatalogFile; items: ItemList } | undefined;

/** The information items that are mappings, with their index (computed once per file: most rules ask). */
export function itemsOf(file: CatalogFile): ItemList {
  if (last?.file === file) return last.items;
  const result: ItemList = [];
  last = { file, items: result };
  const items = file.get(['items']);
  if (!Array.isArray(items)) return result;
  items.forEach((item, index) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      result.push({ index, item: item as Record<string, unknown> });
    }
  });
  return result;
}

/**
 * An item's field as `file.string(['items', index, field])` reads it. A string in the plain item is that very
 * value, so only other values (numbers kept as written, booleans…) are looked up in the tree.
 */
export function itemString(
  file: CatalogFile,
  index: number,
  item: Record<string, unknown>,
  field: string,
): string | undefined {
  const value = item[field];
  return typeof value === 'string' ? value : file.string(['items', index, field]);
}

/** Levenshtein distance, for "did you mean" fixes on short strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A short display of other files for cross-file messages. */
export function listFiles(paths: string[], max = 3, total = paths.length): string {
  const shown = paths.slice(0, max).join(', ');
  return total > max ? `${shown} …(+${total - max})` : shown;
}

/**
 * The other files of a workspace clash, named for a message. Only the first few are looked at, so thousands of
 * clashing files keep a rule linear.
 */
export function listOtherFiles(clashing: readonly WorkspaceFile[], file: WorkspaceFile): string {
  const others = clashing
    .slice(0, 4)
    .filter((other) => other !== file)
    .map((other) => other.path);
  return listFiles(others, 3, clashing.length - 1);
}

/** Where a path starts, as "line N" for messages that cite another place. */
export function lineOf(file: CatalogFile, path: EntryPath): number {
  return file.rangeOf(path).start.line;
}
