import codesetIndex from '@unsilo/spec/codesets/index.json';
import catalogVocabulary from '@unsilo/spec/vocabularies/catalog.json';
import governanceVocabulary from '@unsilo/spec/vocabularies/governance.json';
import type { EntryPath, LocalizedText } from './types';

/** One value of a national vocabulary: the YAML token, its national label and the aliases people write. */
export interface VocabularyTerm {
  token: string;
  zh: string;
  en?: string;
  code?: string;
  aliases?: string[];
  subtypes?: string[];
}

export type VocabularyName =
  | 'classificationClass'
  | 'shareType'
  | 'openType'
  | 'shareMethodClass'
  | 'shareMethodType'
  | 'updateCycle'
  | 'formatClass'
  | 'itemType'
  | 'secrecy'
  | 'systemScope'
  | 'systemBuiltBy';

/** The vocabularies of `@unsilo/spec` (tokens, national labels, numeric codes, aliases). */
export const vocabularies: Readonly<Record<VocabularyName, readonly VocabularyTerm[]>> = {
  ...catalogVocabulary,
  // The city's systems registry: who built a system, how far it shares (the audit's classes).
  ...governanceVocabulary,
};

/** The fields of an entry whose value is taken from a vocabulary (an item's `type` aside: see vocabularyAt). */
export const ENTRY_VOCABULARY_FIELDS: ReadonlyArray<readonly [EntryPath, VocabularyName]> = [
  [['classification', 'class'], 'classificationClass'],
  [['format', 'class'], 'formatClass'],
  [['share', 'type'], 'shareType'],
  [['share', 'method', 'class'], 'shareMethodClass'],
  [['share', 'method', 'type'], 'shareMethodType'],
  [['open', 'type'], 'openType'],
  [['secrecy'], 'secrecy'],
  [['updateCycle'], 'updateCycle'],
];

/** The vocabulary a value at this path of an entry is taken from (`items[3].type` → itemType), if any. */
export function vocabularyAt(path: EntryPath): VocabularyName | undefined {
  if (path.length === 3 && path[0] === 'items' && typeof path[1] === 'number' && path[2] === 'type') {
    return 'itemType';
  }
  const field = ENTRY_VOCABULARY_FIELDS.find(
    ([fieldPath]) => fieldPath.length === path.length && fieldPath.every((key, i) => key === path[i]),
  );
  return field?.[1];
}

export interface CodesetInfo {
  id: string;
  name: string;
  title: string;
  titleEn?: string;
  version: string;
  status: string;
}

/** The code sets registered in `@unsilo/spec` (name such as `GB/T 2261.1`, id such as `gbt-2261-1`). */
export const codesets: readonly CodesetInfo[] = codesetIndex.codesets;

const fold = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');

type Lookup = { exact: Set<string>; folded: Map<string, string> };
const lookups = new Map<VocabularyName, Lookup>();

function lookupOf(name: VocabularyName): Lookup {
  let lookup = lookups.get(name);
  if (!lookup) {
    lookup = { exact: new Set(), folded: new Map() };
    for (const term of vocabularies[name]) {
      lookup.exact.add(term.token);
      for (const label of [term.token, term.zh, term.en ?? '', term.code ?? '', ...(term.aliases ?? [])]) {
        if (label && !lookup.folded.has(fold(label))) lookup.folded.set(fold(label), term.token);
      }
    }
    lookups.set(name, lookup);
  }
  return lookup;
}

/** Whether the value is one of the vocabulary's tokens, exactly. */
export function isToken(name: VocabularyName, value: string): boolean {
  return lookupOf(name).exact.has(value);
}

/** The token a label, alias, numeric code or differently-cased token stands for (有条件共享 → conditional). */
export function canonicalToken(name: VocabularyName, value: string): string | undefined {
  const lookup = lookupOf(name);
  return lookup.exact.has(value) ? value : lookup.folded.get(fold(value));
}

export function termOf(name: VocabularyName, token: string): VocabularyTerm | undefined {
  return vocabularies[name].find((term) => term.token === token);
}

/** A term as "token（中文）" / "token (English)". */
export function describeTerm(name: VocabularyName, token: string): LocalizedText {
  const term = termOf(name, token);
  return { zh: term ? `${token}（${term.zh}）` : token, en: term?.en ? `${token} (${term.en})` : token };
}

const tokenLists = new Map<VocabularyName, string[]>();

export function tokensOf(name: VocabularyName): string[] {
  let tokens = tokenLists.get(name);
  if (!tokens) {
    tokens = vocabularies[name].map((term) => term.token);
    tokenLists.set(name, tokens);
  }
  return tokens;
}

/** Finds a registered code set by name (`GB/T 2261.1`, also with its year `GB/T 2261.1-2003`) or id. */
export function findCodeset(value: string): CodesetInfo | undefined {
  const wanted = value.trim();
  return codesets.find(
    (set) => set.name === wanted || set.id === wanted || wanted === `${set.name}-${set.version}`,
  );
}
