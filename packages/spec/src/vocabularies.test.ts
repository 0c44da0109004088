import { describe, expect, it } from 'vitest';
import { type JsonObject, readJson } from './contract';

// The catalogue entry schema restates the vocabularies as enums (editors and generated validators need them
// inline); this keeps the two from drifting apart.
const vocab = readJson('vocabularies/catalog.json');
const defs = readJson('schemas/catalog-entry.schema.json').$defs as JsonObject;
const tokens = (name: string) => (vocab[name] as JsonObject[]).map((v) => v.token);
const enumOf = (def: string, property?: string) => {
  const node = defs[def] as JsonObject;
  return (property ? ((node.properties as JsonObject)[property] as JsonObject) : node).enum;
};

describe('catalogue entry schema and vocabularies', () => {
  it.each([
    ['classificationClass', enumOf('ResourceClassification', 'class')],
    ['shareType', enumOf('ShareType')],
    ['openType', enumOf('OpenType')],
    ['shareMethodClass', enumOf('ShareMethod', 'class')],
    ['shareMethodType', enumOf('ShareMethod', 'type')],
    ['updateCycle', enumOf('UpdateCycle')],
    ['formatClass', enumOf('ResourceFormat', 'class')],
    ['itemType', enumOf('ItemDataType')],
    ['secrecy', enumOf('Secrecy')],
  ])('%s has the same tokens', (name, values) => {
    expect(values).toEqual(tokens(name));
  });

  it('names every national data type letter, B being 双精度型', () => {
    expect(enumOf('ItemDataType')).toEqual(['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F']);
    expect(String((defs.ItemDataType as JsonObject).description)).toContain('B = 双精度型');
  });

  it('gives every property a Chinese title for editor hovers', () => {
    const missing: string[] = [];
    const visit = (node: JsonObject, at: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as JsonObject)) {
        const c = child as JsonObject;
        const target = typeof c.$ref === 'string' ? (defs[c.$ref.split('/').pop()!] as JsonObject) : c;
        const title = c.title ?? target.title;
        if (typeof title !== 'string' || !/\p{Script=Han}/u.test(title)) missing.push(`${at}.${key}`);
      }
    };
    visit(readJson('schemas/catalog-entry.schema.json'), 'entry');
    for (const [name, def] of Object.entries(defs)) visit(def as JsonObject, name);
    expect(missing).toEqual([]);
  });
});

describe('basic and theme libraries (vocabularies/libraries.json)', () => {
  const libraries = readJson('vocabularies/libraries.json');
  const names = (kind: string) => (libraries[kind] as JsonObject[]).map((library) => library.name);

  it('names the basic libraries of the national rules and gives every library a source', () => {
    expect(names('basic')).toEqual([
      '人口',
      '法人',
      '自然资源和空间地理',
      '宏观经济',
      '社会信用',
      '电子证照',
    ]);
    for (const kind of ['basic', 'theme']) {
      for (const library of libraries[kind] as JsonObject[]) expect(String(library.source)).not.toBe('');
    }
  });

  it('writes every name and alias once within a class', () => {
    for (const kind of ['basic', 'theme']) {
      const all = (libraries[kind] as JsonObject[]).flatMap((library) => [
        library.name,
        ...(library.aliases as string[]),
      ]);
      expect(all.length).toBe(new Set(all).size);
    }
  });
});
