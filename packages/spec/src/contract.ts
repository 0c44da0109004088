// Test helpers: load the bundled contract and walk its operations.
import { readFileSync } from 'node:fs';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const specRoot = new URL('../', import.meta.url);

export function readJson(path: string): JsonObject {
  return JSON.parse(readFileSync(new URL(path, specRoot), 'utf8')) as JsonObject;
}

export const bundle = readJson('dist/openapi.json');

/** Resolves a local `$ref` (`#/components/...`) against the bundle; other values are returned unchanged. */
export function deref(node: Json | undefined): JsonObject {
  let current = node as JsonObject;
  while (current && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<Json>(
        (at, key) => (at as JsonObject)[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Json,
        bundle,
      ) as JsonObject;
  }
  return current;
}

export interface OperationEntry {
  id: string;
  method: string;
  path: string;
  op: JsonObject;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function operations(): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries(bundle.paths as JsonObject)) {
    for (const method of METHODS) {
      const op = (item as JsonObject)[method] as JsonObject | undefined;
      if (op) out.push({ id: op.operationId as string, method, path, op });
    }
  }
  return out;
}

/** The JSON media types (`application/json`, `application/problem+json`) of a response or request body. */
export function jsonMedia(container: JsonObject): Array<[string, JsonObject]> {
  const content = (container.content ?? {}) as JsonObject;
  return Object.entries(content).filter(([type]) => type.endsWith('json')) as Array<[string, JsonObject]>;
}

/** Every named example of a media type, resolved. */
export function mediaExamples(media: JsonObject): Array<[string, Json]> {
  const examples = (media.examples ?? {}) as JsonObject;
  return Object.entries(examples).map(([name, ex]) => [name, deref(ex).value as Json]);
}
