import type { ConflictSource } from '@unsilo/sdk/schemas';
import type { CatalogEntry } from '../catalog/resource-store';
import type { PublishedEntry } from '../storage/ports';

/** The elements that identify a subject across departments: a person, an organisation. */
export const subjectElements = ['person.id-number', 'org.uscc'] as const;
export type SubjectElement = (typeof subjectElements)[number];

/** The validator an item names when it carries no element, and the subject element it stands for. */
const subjectOfCheck: Record<string, SubjectElement> = { idcard: 'person.id-number', uscc: 'org.uscc' };

/** One item of a resource as the comparison reads it: its key, and how its values are normalised. */
export interface ElementItem {
  key: string;
  /** Dates compare as YYYY-MM-DD (item type D or T, or an element named `…-date`). */
  date: boolean;
}

/** A published resource as the comparison sees it: its subject item and its items by element. */
export interface ComparedResource {
  code: string;
  providerId: string;
  source: ConflictSource;
  subject: { element: SubjectElement; key: string };
  /** Element → the first item that carries it, the subject's item excluded. */
  items: Map<string, ElementItem>;
}

type EntryItem = { key?: unknown; type?: unknown; element?: unknown; check?: unknown; source?: unknown };

/** The element an item stands for: its `element`, else the subject element its `check` implies. */
function elementOf(item: EntryItem): string | undefined {
  if (typeof item.element === 'string') return item.element;
  const checks = Array.isArray(item.check) ? item.check : [];
  const check = checks.find((name): name is string => typeof name === 'string' && name in subjectOfCheck);
  return check === undefined ? undefined : subjectOfCheck[check];
}

function itemsOf(entry: CatalogEntry): EntryItem[] {
  return Array.isArray(entry.items) ? (entry.items as EntryItem[]) : [];
}

function toCompared(code: string, providerId: string, entry: CatalogEntry): ComparedResource | undefined {
  const items = itemsOf(entry);
  // An entry may carry someone else's number too (a legal representative's ID in an enterprise register): the
  // subject is the one in the record key, else the first.
  const candidates = items.filter(
    (item) => typeof item.key === 'string' && subjectElements.includes(elementOf(item) as SubjectElement),
  );
  const recordKey = Array.isArray(entry.key) ? entry.key : [];
  const subjectItem = candidates.find((item) => recordKey.includes(item.key as string)) ?? candidates[0];
  if (!subjectItem || typeof subjectItem.key !== 'string') return undefined;
  const subject = { element: elementOf(subjectItem) as SubjectElement, key: subjectItem.key };
  const byElement = new Map<string, ElementItem>();
  for (const item of items) {
    const element = elementOf(item);
    if (item === subjectItem || element === undefined || typeof item.key !== 'string') continue;
    if (element === subject.element || byElement.has(element)) continue;
    const date = item.type === 'D' || item.type === 'T' || element.endsWith('-date');
    byElement.set(element, { key: item.key, date });
  }
  return {
    code,
    providerId,
    source: { code, provider: { name: entry.provider.name, code: entry.provider.code } },
    subject,
    items: byElement,
  };
}

/** The published resources (versions in force, not withdrawn, in code order) that name a subject. */
export function publishedSubjects(published: readonly PublishedEntry[]): {
  resources: ComparedResource[];
  authoritative: Map<string, ConflictSource | null>;
} {
  const resources: ComparedResource[] = [];
  for (const row of published) {
    const compared = toCompared(row.code, row.providerId, row.entry);
    if (compared) resources.push(compared);
  }
  return { resources, authoritative: authoritativeSources(published) };
}

/**
 * 一数一源: per element, the one published resource that declares itself its authoritative source; `null` where
 * more than one does (the sources themselves disagree on who is right). Elements nobody claims are absent.
 */
function authoritativeSources(entries: readonly PublishedEntry[]): Map<string, ConflictSource | null> {
  const claims = new Map<string, ConflictSource[]>();
  for (const { code, entry: parsed } of entries) {
    for (const item of itemsOf(parsed)) {
      const element = elementOf(item);
      if (element === undefined || item.source !== 'authoritative') continue;
      const list = claims.get(element) ?? [];
      if (!list.some((source) => source.code === code)) {
        list.push({ code, provider: { name: parsed.provider.name, code: parsed.provider.code } });
      }
      claims.set(element, list);
    }
  }
  const sources = new Map<string, ConflictSource | null>();
  for (const [element, list] of claims) sources.set(element, list.length === 1 ? list[0]! : null);
  return sources;
}

/** Two resources about the same kind of subject, and the elements both carry (in the left one's item order). */
export interface ResourcePair {
  left: ComparedResource;
  right: ComparedResource;
  elements: string[];
}

/** Every pair of resources with the same subject element and at least one common element, in code order. */
export function comparablePairs(resources: readonly ComparedResource[]): ResourcePair[] {
  const pairs: ResourcePair[] = [];
  for (let i = 0; i < resources.length; i += 1) {
    const left = resources[i]!;
    for (const right of resources.slice(i + 1)) {
      if (right.subject.element !== left.subject.element) continue;
      const elements = [...left.items.keys()].filter((element) => right.items.has(element));
      if (elements.length > 0) pairs.push({ left, right, elements });
    }
  }
  return pairs;
}
