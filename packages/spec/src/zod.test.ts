import {
  operationIds,
  operationMap,
  zCatalogEntry,
  zFieldMapping,
  zProblem,
  zUnsiloConfig,
} from '@unsilo/sdk/schemas';
import { describe, expect, it } from 'vitest';
import {
  deref,
  type Json,
  type JsonObject,
  jsonMedia,
  mediaExamples,
  operations,
  readJson,
} from './contract';

// The generated zod schemas (packages/sdk/src/generated) must accept every example of the spec, through the
// same operation map the client uses to validate answers.
const cases: Array<[string, string, Json]> = [];
for (const { id, op } of operations()) {
  for (const [status, r] of Object.entries(op.responses as JsonObject)) {
    for (const [, media] of jsonMedia(deref(r))) {
      for (const [name, value] of mediaExamples(media))
        cases.push([`${id} ${status} ${name}`, `${id}:${status}`, value]);
    }
  }
}

describe('generated zod schemas', () => {
  it('map every operation of the spec with its method and path', () => {
    const spec = operations();
    expect([...operationIds].sort()).toEqual(spec.map((o) => o.id).sort());
    for (const { id, method, path, op } of spec) {
      const route = operationMap[id as keyof typeof operationMap];
      expect(route.method).toBe(method);
      expect(route.path).toBe(path);
      expect(Object.keys(route.responses).sort()).toEqual(Object.keys(op.responses as JsonObject).sort());
    }
  });

  it.each(cases)('%s parses', (_, key, value) => {
    const [id, status] = key.split(':') as [keyof typeof operationMap, string];
    const schema = (
      operationMap[id].responses as Record<
        string,
        { safeParse(v: unknown): { success: boolean; error?: unknown } } | null
      >
    )[status];
    expect(schema).toBeTruthy();
    const result = schema!.safeParse(value);
    expect(result.error).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('parse request bodies and refuse what the spec refuses', () => {
    const body = operationMap.batchRecords.request.body;
    expect(body.safeParse({ upsert: [{ gmsfhm: '11010519491231002X', xm: '张三' }] }).success).toBe(true);
    expect(body.safeParse({ upsert: [{ nested: { no: 'objects' } }] }).success).toBe(false);
    expect(body.safeParse({ upsert: Array.from({ length: 5001 }, () => ({})) }).success).toBe(false);
    expect(
      zProblem.safeParse({
        type: 'urn:unsilo:problem:x.y',
        title: 'X',
        status: 200,
        code: 'x.y',
        requestId: 'r',
      }).success,
    ).toBe(false);
  });

  it('keep members of open objects and refuse members of closed ones, as the spec says', () => {
    const problem = {
      type: 'urn:unsilo:problem:access.not_shared',
      title: 'Not shared',
      status: 403,
      code: 'access.not_shared',
      requestId: 'r-1',
      basis: '《中华人民共和国个人信息保护法》第二十八条',
    };
    expect(zProblem.parse(problem)).toEqual(problem);
    const body = operationMap.batchRecords.request.body;
    expect(body.safeParse({ upsert: [], deletes: [] }).success).toBe(false);
    expect(
      zUnsiloConfig.safeParse({ exchange: { url: 'http://127.0.0.1:7300', clientSecret: 'x' } }).success,
    ).toBe(false);
  });

  it('parse the JSON Schema files’ examples', () => {
    const example = (file: string) => (readJson(`schemas/${file}.schema.json`).examples as Json[])[0];
    expect(zCatalogEntry.safeParse(example('catalog-entry')).success).toBe(true);
    expect(zFieldMapping.safeParse(example('field-mapping')).success).toBe(true);
    expect(zUnsiloConfig.safeParse(example('unsilo-config')).success).toBe(true);
    expect(
      zCatalogEntry.safeParse({ ...(example('catalog-entry') as JsonObject), updateCycle: '每日' }).success,
    ).toBe(false);
  });
});
