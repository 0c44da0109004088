import entrySchema from '@unsilo/spec/schemas/catalog-entry.schema.json';
import { describe, expect, it } from 'vitest';
import { catalogElements, childKeys, elementAt } from './elements';
import { EXCHANGE_CHECKS } from './rules/schema/enum';
import { tokensOf } from './vocabulary';

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  type?: string | string[];
  enum?: string[];
};
const defs = ((entrySchema as { $defs?: Record<string, SchemaNode> }).$defs ?? {}) as Record<
  string,
  SchemaNode
>;
const resolve = (node: SchemaNode): SchemaNode =>
  node.$ref ? resolve(defs[node.$ref.split('/').pop()!]!) : node;

/** Every property path of the JSON Schema, `items[]` for array items. */
function schemaPaths(node: SchemaNode, prefix = ''): Map<string, SchemaNode> {
  const paths = new Map<string, SchemaNode>();
  for (const [key, child] of Object.entries(resolve(node).properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const resolved = resolve(child);
    paths.set(path, resolved);
    for (const [p, n] of schemaPaths(resolved, path)) paths.set(p, n);
    if (resolved.items && resolve(resolved.items).properties) {
      for (const [p, n] of schemaPaths(resolved.items, `${path}[]`)) paths.set(p, n);
    }
  }
  return paths;
}

describe('catalogue elements', () => {
  const fromSchema = schemaPaths(entrySchema as SchemaNode);

  it('know exactly the keys of catalog-entry.schema.json (so the linter and the spec cannot drift)', () => {
    expect(catalogElements.map((element) => element.path).sort()).toEqual([...fromSchema.keys()].sort());
  });

  it('use the vocabularies the schema enumerates', () => {
    expect(fromSchema.get('classification.class')?.enum).toEqual(tokensOf('classificationClass'));
    expect(fromSchema.get('format.class')?.enum).toEqual(tokensOf('formatClass'));
    expect(fromSchema.get('share.method.class')?.enum).toEqual(tokensOf('shareMethodClass'));
    expect(resolve(fromSchema.get('items[].check')!.items!).enum).toEqual(EXCHANGE_CHECKS);
  });

  it('give the national name and rule of a key, for hover', () => {
    expect(elementAt(['share', 'type'])).toMatchObject({
      zh: '共享类型',
      en: 'Share type',
      vocabulary: 'shareType',
    });
    expect(elementAt(['items', 3, 'codeset'])?.zh).toBe('代码集');
    expect(childKeys('share.method')).toEqual(['class', 'type']);
  });
});
