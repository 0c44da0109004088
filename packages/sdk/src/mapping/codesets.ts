import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';
import gbt2261 from '@unsilo/spec/codesets/gbt-2261-1.json';
import gbt3304 from '@unsilo/spec/codesets/gbt-3304.json';
import gbt4761 from '@unsilo/spec/codesets/gbt-4761.json';

export interface CodesetEntry {
  code: string;
  label: string;
  labelEn?: string;
}

export interface Codeset {
  id: string;
  /** The standard's number, e.g. `GB/T 2261.1`. */
  name: string;
  title?: string;
  version?: string;
  codes: CodesetEntry[];
}

/** Finds a code set by its standard number (`GB/T 3304`) or id (`gbt-3304`). */
export interface CodesetRegistry {
  get(nameOrId: string): Codeset | undefined;
}

/** Compares standard numbers leniently: `GB/T 2261.1-2003`, `gb/t2261.1` and `GB/T 2261.1` are one set. */
export function codesetKey(nameOrId: string): string {
  return nameOrId
    .toLowerCase()
    .replace(/[\s/_-]/g, '')
    .replace(/(\d)-?(19|20)\d\d$/, '$1')
    .replace(/\./g, '');
}

export function createCodesetRegistry(codesets: Iterable<Codeset>): CodesetRegistry {
  const byKey = new Map<string, Codeset>();
  for (const set of codesets) {
    byKey.set(codesetKey(set.name), set);
    byKey.set(codesetKey(set.id), set);
  }
  return { get: (nameOrId) => byKey.get(codesetKey(nameOrId)) };
}

/** The code sets published by `@unsilo/spec`. */
export const standardCodesets: CodesetRegistry = createCodesetRegistry([
  gbt2261 as Codeset,
  gbt3304 as Codeset,
  gbt2260 as Codeset,
  gbt4761 as Codeset,
]);

/** Whether a code set is GB/T 2260, whose membership rule is special (missing codes are a warning). */
export function isRegionCodeset(set: Codeset): boolean {
  return codesetKey(set.name) === codesetKey('GB/T 2260');
}
