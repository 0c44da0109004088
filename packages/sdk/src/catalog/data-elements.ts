import dictionary from '@unsilo/spec/elements/data-elements.json';
import { editDistance } from './rules/support';

/**
 * A data element of the dictionary `@unsilo/spec` ships (elements/data-elements.json): what an item's
 * `element` names, so that `sfzh` and `gmsfhm` are recognised as one piece of data.
 */
export interface DataElement {
  /** Dotted id, e.g. `person.id-number`. */
  id: string;
  zh: string;
  en: string;
  /** Item names and record keys people write for the element. */
  aliases: readonly string[];
  type: string;
  length?: number;
  codeset?: string;
  check?: string;
  /** The standard (or the project) the element rests on. */
  source: string;
}

export const dataElements: readonly DataElement[] = dictionary.elements;

const byId = new Map(dataElements.map((element) => [element.id, element]));

/** Names are matched exactly after trimming; Latin letters (record keys) without case. */
const foldName = (name: string) => name.trim().toLowerCase();

const byName = new Map<string, DataElement>();
for (const element of dataElements) {
  for (const name of [element.zh, ...element.aliases]) byName.set(foldName(name), element);
}

/** The element of this id (exactly as written, after trimming). */
export function findDataElement(id: string): DataElement | undefined {
  return byId.get(id.trim());
}

/** The element whose national name or an alias is this item name or key; nothing for a near match. */
export function dataElementNamed(name: string): DataElement | undefined {
  return byName.get(foldName(name));
}

/** The element an item's name, else its key, names exactly (after trimming; keys without case). */
export function elementOfItem(item: Record<string, unknown>): DataElement | undefined {
  const byName = typeof item.name === 'string' ? dataElementNamed(item.name) : undefined;
  return byName ?? (typeof item.key === 'string' ? dataElementNamed(item.key) : undefined);
}

/**
 * The element a mistyped id most likely means: the id in another case or spacing, an element named by its
 * Chinese name or an alias instead of its id, else the closest id within a few edits.
 */
export function nearestDataElement(value: string): DataElement | undefined {
  const folded = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const same = byId.get(folded) ?? dataElementNamed(value);
  if (same) return same;
  let best: DataElement | undefined;
  let bestDistance = 4;
  for (const element of dataElements) {
    const distance = editDistance(folded, element.id);
    if (distance < bestDistance) {
      best = element;
      bestDistance = distance;
    }
  }
  return best;
}
