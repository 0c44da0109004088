import { describe, expect, it } from 'vitest';
import { type JsonObject, readJson } from './contract';

interface DataElement {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
  type: string;
  length?: number;
  codeset?: string;
  check?: string;
  source: string;
}

const dictionary = readJson('elements/data-elements.json');
const elements = dictionary.elements as unknown as DataElement[];
const codesetNames = (readJson('codesets/index.json').codesets as JsonObject[]).map((set) => set.name);
const itemTypes = (readJson('vocabularies/catalog.json').itemType as JsonObject[]).map((term) => term.token);
const itemChecks = (
  (
    ((readJson('schemas/catalog-entry.schema.json').$defs as JsonObject).InformationItem as JsonObject)
      .properties as JsonObject
  ).check as JsonObject
).items as JsonObject;

// Matching is exact after trimming, Latin letters without case: two spellings that fold alike are one name.
const fold = (name: string) => name.trim().toLowerCase();

describe('data-element dictionary (elements/data-elements.json)', () => {
  it('says where its elements come from', () => {
    expect(String(dictionary.$comment)).toContain('GB/T 19488.2-2008');
    for (const element of elements) expect(element.source.length, element.id).toBeGreaterThan(5);
  });

  it('gives every element a unique id of the dotted pattern', () => {
    const ids = elements.map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z]+(\.[a-z0-9-]+)+$/.test(id))).toEqual([]);
  });

  it('holds the elements other packages rely on, under their national names', () => {
    const zh = Object.fromEntries(elements.map((element) => [element.id, element.zh]));
    expect(zh['person.id-number']).toBe('公民身份号码');
    expect(zh['org.uscc']).toBe('统一社会信用代码');
    expect(zh['region.code']).toBe('行政区划代码');
    for (const id of [
      'person.name',
      'person.sex',
      'person.birth-date',
      'person.ethnicity',
      'person.marital-status',
      'person.education',
      'person.political-status',
      'person.nationality',
      'person.address',
      'person.phone',
      'person.household-region',
      'org.orgcode',
      'org.name',
      'org.legal-representative',
      'org.registered-address',
      'org.registered-capital',
      'org.established-date',
      'org.status',
    ])
      expect(zh[id], id).toMatch(/\p{Script=Han}/u);
  });

  it('never gives one name to two elements (names and aliases unique across the dictionary)', () => {
    const owners = new Map<string, string[]>();
    for (const element of elements) {
      for (const name of [element.zh, ...element.aliases]) {
        owners.set(fold(name), [...(owners.get(fold(name)) ?? []), element.id]);
      }
    }
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it('uses only registered code sets, item types and exchange checks', () => {
    const codesets = elements.flatMap((element) => (element.codeset ? [element.codeset] : []));
    expect(codesets.filter((name) => !codesetNames.includes(name))).toEqual([]);
    expect(elements.filter((element) => !itemTypes.includes(element.type)).map((e) => e.id)).toEqual([]);
    const checks = elements.flatMap((element) => (element.check ? [element.check] : []));
    expect(checks.filter((check) => !(itemChecks.enum as string[]).includes(check))).toEqual([]);
  });
});
