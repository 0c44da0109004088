import type { EntryFacts } from './entry-facts';
import type { ListedMatter, MatterKind } from './matter-lists';

/** A listed matter whose data needs the catalogue does not meet. */
export interface UnmetMatter {
  code: string;
  name: string;
  kind: MatterKind;
  /** The data names of its `needs` that no entry provides. */
  missing: string[];
}

export interface MatterFigures {
  services: number;
  powers: number;
  /** Matters of the lists that no entry names in its businessMatters (by code, else by name). */
  unnamed: Array<Pick<ListedMatter, 'code' | 'name' | 'kind'>>;
  /** Matters with a need that no entry provides. */
  unmetNeeds: UnmetMatter[];
  /** Entries naming a matter code that neither list has. */
  unknownCodes: Array<{ file: string; code: string; name: string }>;
}

/**
 * The demand side: which of the city's services and powers no catalogue entry supports, and which need data
 * the catalogue does not have. A need is met by an entry whose resource code, resource name or one of whose
 * information item names is the need, as written (trimmed).
 */
export function matterFigures(
  entries: readonly EntryFacts[],
  matters: readonly ListedMatter[],
): MatterFigures {
  const namedCodes = new Set<string>();
  const namedNames = new Set<string>();
  const provided = new Set<string>();
  const listedCodes = new Set(matters.map((matter) => matter.code));
  const unknownCodes: MatterFigures['unknownCodes'] = [];
  for (const facts of entries) {
    for (const matter of facts.matters) {
      if (matter.code) {
        namedCodes.add(matter.code);
        if (!listedCodes.has(matter.code) && matters.length > 0)
          unknownCodes.push({ file: facts.file, code: matter.code, name: matter.name });
      } else namedNames.add(matter.name);
    }
    for (const data of [facts.code, facts.name, ...facts.itemNames]) if (data) provided.add(data);
  }
  const unmetNeeds: UnmetMatter[] = [];
  for (const matter of matters) {
    const missing = matter.needs.filter((need) => !provided.has(need));
    if (missing.length > 0)
      unmetNeeds.push({ code: matter.code, name: matter.name, kind: matter.kind, missing });
  }
  return {
    services: matters.filter((matter) => matter.kind === 'service').length,
    powers: matters.filter((matter) => matter.kind === 'power').length,
    unnamed: matters
      .filter((matter) => !namedCodes.has(matter.code) && !namedNames.has(matter.name))
      .map(({ code, name, kind }) => ({ code, name, kind })),
    unmetNeeds,
    unknownCodes,
  };
}
