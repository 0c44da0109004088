import gat2000156 from '@unsilo/spec/codesets/gat-2000-156.json';
import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';
import gbt2260History from '@unsilo/spec/codesets/gbt-2260-history.json';
import gbt2261 from '@unsilo/spec/codesets/gbt-2261-1.json';
import gbt2261Marital from '@unsilo/spec/codesets/gbt-2261-2.json';
import gbt2659 from '@unsilo/spec/codesets/gbt-2659-1.json';
import gbt3304 from '@unsilo/spec/codesets/gbt-3304.json';
import gbt4658 from '@unsilo/spec/codesets/gbt-4658.json';
import gbt4761 from '@unsilo/spec/codesets/gbt-4761.json';
import gbt4762 from '@unsilo/spec/codesets/gbt-4762.json';
import type { Code } from '../generated';
import type { AbolishedCode } from '../identifiers/region';
import type { RowIssue } from './types';

export type { AbolishedCode };

/** One code of a set: code, label, English label, aliases (the contract's `Code`). */
export type CodesetEntry = Code;

export interface Codeset {
  id: string;
  /** The standard's number, e.g. `GB/T 2261.1`. */
  name: string;
  title?: string;
  version?: string;
  codes: CodesetEntry[];
  /** Codes earlier editions listed and the current one does not (GB/T 2260), with when they were last listed. */
  abolished?: AbolishedCode[];
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

/** The code sets `@unsilo/spec` registers in `codesets/index.json` (GB/T 2260 with the codes of its earlier editions). */
export const standardCodesets: CodesetRegistry = createCodesetRegistry([
  gbt2261 as Codeset,
  gbt3304 as Codeset,
  { ...(gbt2260 as Codeset), abolished: (gbt2260History as { abolished: AbolishedCode[] }).abolished },
  gbt4761 as Codeset,
  gbt2261Marital as Codeset,
  gbt4658 as Codeset,
  gbt4762 as Codeset,
  gbt2659 as Codeset,
  gat2000156 as Codeset,
]);

/** Whether a code set is GB/T 2260, whose membership rule is special (missing codes are a warning). */
export function isRegionCodeset(set: Codeset): boolean {
  return codesetKey(set.name) === codesetKey('GB/T 2260');
}

/**
 * The warning for a code of `setName` that is no longer current: kept (records and ID numbers carry such codes),
 * but said apart from a current one. GB/T 2260 codes are reported under the `region` rule, whatever step saw them,
 * so a field whose translation and item both check the code says it once.
 */
export function noLongerCurrentIssue(field: string, setName: string, entry: AbolishedCode): RowIssue {
  const { code, label, lastListed, ended } = entry;
  return {
    field,
    rule: codesetKey(setName) === codesetKey('GB/T 2260') ? 'region' : 'codes',
    value: code,
    message: `code ${code} (${label}) is no longer in the current ${setName}: last listed in ${lastListed}, gone by ${ended}`,
    zh: `代码 ${code}（${label}）已不在现行 ${setName} 中：最后见于 ${lastListed}，${ended} 年已无`,
  };
}
