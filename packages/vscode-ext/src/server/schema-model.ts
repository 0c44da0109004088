import catalogEntrySchema from '@unsilo/spec/schemas/catalog-entry.schema.json';
import fieldMappingSchema from '@unsilo/spec/schemas/field-mapping.schema.json';
import type { EntryPath } from './yaml-cursor';

/** The subset of JSON Schema the editor reads: titles, descriptions, properties, enums. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  examples?: unknown[];
  $defs?: Record<string, SchemaNode>;
}

export type FileKind = 'InformationResource' | 'FieldMapping';

const roots: Record<FileKind, SchemaNode> = {
  InformationResource: catalogEntrySchema as SchemaNode,
  FieldMapping: fieldMappingSchema as SchemaNode,
};

function resolveRef(node: SchemaNode, root: SchemaNode): SchemaNode {
  let current = node;
  for (let guard = 0; current.$ref && guard < 8; guard++) {
    const [file, pointer = ''] = current.$ref.split('#');
    const base = file
      ? file.includes('catalog-entry')
        ? roots.InformationResource
        : roots.FieldMapping
      : root;
    let target: unknown = base;
    for (const part of pointer.split('/').filter(Boolean))
      target = (target as Record<string, unknown>)?.[part];
    // A $ref's siblings (title, description) describe this use of the definition and win over the definition's.
    const { $ref: _ref, ...siblings } = current;
    current = { ...(target as SchemaNode), ...siblings };
    root = base;
  }
  return current;
}

/** The schema describing the value at `path`, with `$ref`s resolved; undefined when the path is not defined. */
export function schemaAt(kind: FileKind, path: EntryPath): SchemaNode | undefined {
  const root = roots[kind];
  let node: SchemaNode | undefined = resolveRef(root, root);
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.items ? resolveRef(node.items, root) : undefined;
      continue;
    }
    const prop: SchemaNode | undefined =
      node.properties?.[segment] ??
      (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    node = prop ? resolveRef(prop, root) : undefined;
  }
  return node;
}

/** Keys a mapping at `path` may hold, with their schema. */
export function keysAt(kind: FileKind, path: EntryPath): Array<[string, SchemaNode]> {
  const node = schemaAt(kind, path);
  if (!node?.properties) return [];
  const root = roots[kind];
  return Object.entries(node.properties).map(([k, v]) => [k, resolveRef(v, root)]);
}

/** Splits the spec's bilingual descriptions ("中文。 / English.") into their halves. */
export function bilingual(text: string | undefined): { zh: string; en: string } {
  if (!text) return { zh: '', en: '' };
  const at = text.lastIndexOf(' / ');
  if (at === -1) return { zh: text, en: text };
  return { zh: text.slice(0, at).trim(), en: text.slice(at + 3).trim() };
}

export function isRequired(kind: FileKind, path: EntryPath): boolean {
  const parent = schemaAt(kind, path.slice(0, -1));
  const key = path.at(-1);
  return typeof key === 'string' && !!parent?.required?.includes(key);
}
