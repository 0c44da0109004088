import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';
import gbt2261 from '@unsilo/spec/codesets/gbt-2261-1.json';
import gbt3304 from '@unsilo/spec/codesets/gbt-3304.json';
import gbt4761 from '@unsilo/spec/codesets/gbt-4761.json';
import codesetIndex from '@unsilo/spec/codesets/index.json';
import vocabularies from '@unsilo/spec/vocabularies/catalog.json';
import type { EntryPath } from './yaml-cursor';

export interface VocabularyTerm {
  token: string;
  zh: string;
  en: string;
  code?: string;
  aliases?: string[];
}

export interface CodesetInfo {
  id: string;
  name: string;
  title: string;
  titleEn: string;
  version: string;
  codes: Array<{ code: string; label: string; labelEn?: string }>;
}

type VocabularyName = Exclude<keyof typeof vocabularies, '$comment'>;

/** Which vocabulary of `@unsilo/spec` a catalogue field's value is taken from. */
const vocabularyOfField: Record<string, VocabularyName> = {
  'classification.class': 'classificationClass',
  'share.type': 'shareType',
  'open.type': 'openType',
  'share.method.class': 'shareMethodClass',
  'share.method.type': 'shareMethodType',
  updateCycle: 'updateCycle',
  'format.class': 'formatClass',
  'items.#.type': 'itemType',
};

export const fieldKey = (path: EntryPath) => path.map((p) => (typeof p === 'number' ? '#' : p)).join('.');

export function vocabularyFor(path: EntryPath): VocabularyTerm[] | undefined {
  const name = vocabularyOfField[fieldKey(path)];
  return name ? (vocabularies[name] as VocabularyTerm[]) : undefined;
}

const codesetFiles: Record<string, unknown> = {
  'gbt-2260': gbt2260,
  'gbt-2261-1': gbt2261,
  'gbt-3304': gbt3304,
  'gbt-4761': gbt4761,
};

/** Code sets of the registry, by name (e.g. "GB/T 2261.1"). Files of the registry unknown to this build are skipped. */
export const codesets: CodesetInfo[] = (codesetIndex.codesets as Array<{ id: string }>).flatMap((entry) => {
  const file = codesetFiles[entry.id] as CodesetInfo | undefined;
  return file ? [file] : [];
});

export function codesetByName(name: string): CodesetInfo | undefined {
  const wanted = name.trim().replace(/\s+/g, ' ').toUpperCase();
  return codesets.find((c) => c.name.toUpperCase() === wanted || c.id.toUpperCase() === wanted);
}
