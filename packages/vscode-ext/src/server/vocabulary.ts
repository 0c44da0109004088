import {
  type CodesetInfo as CodesetSummary,
  codesets as registeredCodesets,
  type VocabularyTerm,
  vocabularies,
  vocabularyAt,
} from '@unsilo/sdk/catalog';
import { type CodesetEntry, standardCodesets } from '@unsilo/sdk/mapping';
import type { EntryPath } from './yaml-cursor';

// The vocabularies and code sets are the SDK's: the editor offers and explains what the linter and the mapping
// compiler accept, from the same tables.

/** A registered code set with its codes, for completion and hover. */
export interface CodesetInfo extends CodesetSummary {
  codes: CodesetEntry[];
}

export const fieldKey = (path: EntryPath) => path.map((p) => (typeof p === 'number' ? '#' : p)).join('.');

/** The terms of the vocabulary a catalogue field's value is taken from, if any. */
export function vocabularyFor(path: EntryPath): readonly VocabularyTerm[] | undefined {
  const name = vocabularyAt(path);
  return name ? vocabularies[name] : undefined;
}

/** Code sets of the registry with their codes. Sets whose codes this build does not ship are skipped. */
export const codesets: CodesetInfo[] = registeredCodesets.flatMap((summary) => {
  const codes = standardCodesets.get(summary.id)?.codes;
  return codes ? [{ ...summary, codes }] : [];
});

/** A code set by name or id, spelled as the mapping compiler accepts it ("GB/T 2261.1", "gbt-2261-1"). */
export function codesetByName(name: string): CodesetInfo | undefined {
  const id = standardCodesets.get(name)?.id;
  return id === undefined ? undefined : codesets.find((set) => set.id === id);
}
