import { describe, expect, it } from 'vitest';
// The bundle step's post-processing, applied to the shape `redocly bundle` gives a referenced schema file.
import { foldSchemaAliases } from '../scripts/bundle.mjs';

const redoclyOutput = () => ({
  paths: {},
  components: {
    schemas: {
      CatalogEntry: { $ref: '#/components/schemas/catalog-entry.schema' },
      Resource: {
        type: 'object',
        properties: { entry: { $ref: '#/components/schemas/catalog-entry.schema' } },
      },
      InformationItem: { type: 'object' },
      'catalog-entry.schema': {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/components/schemas/InformationItem' } } },
        $defs: { InformationItem: { type: 'object' } },
      },
    },
  },
});

describe('foldSchemaAliases', () => {
  it('gives a referenced schema file the name of the component that refers to it', () => {
    const doc = foldSchemaAliases(redoclyOutput());
    expect(Object.keys(doc.components.schemas)).toEqual(['CatalogEntry', 'Resource', 'InformationItem']);
    expect(doc.components.schemas.CatalogEntry).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/InformationItem' } } },
    });
    expect(doc.components.schemas.Resource.properties.entry).toEqual({
      $ref: '#/components/schemas/CatalogEntry',
    });
  });

  it('refuses a bundle that still points into a file-level $defs', () => {
    const doc = redoclyOutput();
    doc.components.schemas.Resource.properties.entry = { $ref: '#/$defs/InformationItem' };
    expect(() => foldSchemaAliases(doc)).toThrow(/file-level schemas/);
  });
});
