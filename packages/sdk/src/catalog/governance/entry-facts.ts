import type { BusinessMatter } from '../../generated';
import { type CatalogFile, parseCatalogFile } from '../parse';
import type { SourceFile } from '../types';

/** What the governance reports read of one catalogue entry, besides its completeness and findings. */
export interface EntryFacts {
  file: string;
  code: string;
  name: string;
  provider: { name: string; code: string };
  /** The id of the system that holds the data (`system:`), if named. */
  system?: string;
  /** `businessMatters`, old free texts read as `{ name }`. */
  matters: BusinessMatter[];
  /** The names of its information items, which a service's `needs` may name. */
  itemNames: string[];
}

/** The facts of every catalogue entry of the files (files of another kind are left out). */
export function entryFacts(files: readonly SourceFile[]): EntryFacts[] {
  const facts: EntryFacts[] = [];
  for (const source of files) {
    const file = parseCatalogFile(source.path, source.text);
    const kind = file.entry?.kind;
    if (typeof kind === 'string' && kind !== 'InformationResource') continue;
    facts.push(factsOf(file));
  }
  return facts;
}

function factsOf(file: CatalogFile): EntryFacts {
  const system = file.string(['system'])?.trim();
  const items = file.get(['items']);
  return {
    file: file.path,
    code: file.string(['code'])?.trim() ?? '',
    name: file.string(['name'])?.trim() ?? file.path,
    provider: {
      name: file.string(['provider', 'name'])?.trim() ?? '',
      code: file.string(['provider', 'code'])?.trim().toUpperCase() ?? '',
    },
    ...(system ? { system } : {}),
    matters: businessMatters(file.get(['businessMatters'])),
    itemNames: Array.isArray(items)
      ? items.flatMap((item) =>
          item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string'
            ? [(item as { name: string }).name.trim()]
            : [],
        )
      : [],
  };
}

/**
 * `businessMatters` as matter objects: `{ code, name, kind }` as written, and an old free text as `{ name }` —
 * both forms stay valid, so catalogues move to codes one entry at a time.
 */
export function businessMatters(value: unknown): BusinessMatter[] {
  if (!Array.isArray(value)) return [];
  const matters: BusinessMatter[] = [];
  for (const matter of value) {
    if (typeof matter === 'string' && matter.trim()) matters.push({ name: matter.trim() });
    else if (matter && typeof matter === 'object' && !Array.isArray(matter)) {
      const { code, name, kind } = matter as Record<string, unknown>;
      if (typeof name !== 'string' || !name.trim()) continue;
      matters.push({
        name: name.trim(),
        ...(typeof code === 'string' && code.trim() ? { code: code.trim() } : {}),
        ...(kind === 'service' || kind === 'power' ? { kind } : {}),
      });
    }
  }
  return matters;
}
