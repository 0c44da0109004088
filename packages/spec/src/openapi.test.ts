import { describe, expect, it } from 'vitest';
import { bundle, deref, type Json, type JsonObject, jsonMedia, mediaExamples, operations } from './contract';

// The operationIds of the agreed API outline: clients, the sandbox and the CLI call them by these names.
const OUTLINE_OPERATION_IDS = [
  'issueToken',
  'getReceiptKeys',
  'listDepartments',
  'getDepartment',
  'getMe',
  'listResources',
  'createResource',
  'getResource',
  'updateResource',
  'submitResource',
  'registerResource',
  'publishResource',
  'withdrawResource',
  'listCodeSets',
  'getCodeSet',
  'batchRecords',
  'queryRecords',
  'listChanges',
  'createShareRequest',
  'listShareRequests',
  'getShareRequest',
  'approveShareRequest',
  'refuseShareRequest',
  'getQuality',
  'reportSyncRun',
  'getQualityConflicts',
  'listAuditEvents',
  'getHealth',
  'createClient',
  'listClients',
  'rotateClientSecret',
  'revokeClient',
  'revokeToken',
  'eraseSubject',
  'compactChanges',
];

const ops = operations();
const byId = new Map(ops.map((o) => [o.id, o]));
const responsesOf = (op: JsonObject) =>
  Object.entries(op.responses as JsonObject).map(([s, r]) => [s, deref(r)] as const);
const paramsOf = (op: JsonObject) => ((op.parameters ?? []) as Json[]).map((p) => deref(p));

describe('operations of the contract', () => {
  it('are exactly those of the API outline, each under /v1', () => {
    expect(ops.map((o) => o.id).sort()).toEqual([...OUTLINE_OPERATION_IDS].sort());
    for (const { path } of ops) expect(path.startsWith('/v1/')).toBe(true);
  });

  it.each(ops.map((o) => [o.id, o] as const))(
    '%s has a bilingual summary, a description and a tag',
    (_, { op }) => {
      expect(op.summary).toMatch(/^[^A-Za-z]*\p{Script=Han}[^/]* \/ [A-Z][^\p{Script=Han}]*$/u);
      expect(String(op.description).length).toBeGreaterThan(20);
      expect(op.tags).toHaveLength(1);
    },
  );

  it.each(ops.map((o) => [o.id, o] as const))('%s documents request and response examples', (_, { op }) => {
    if (op.requestBody) {
      for (const [, media] of jsonMedia(deref(op.requestBody))) {
        expect(mediaExamples(media).length).toBeGreaterThan(0);
      }
    }
    for (const [status, response] of responsesOf(op)) {
      if (status === '304') continue;
      // RFC 7009: a revocation answers 200 with no body the client needs to read.
      if (_ === 'revokeToken' && status === '200') continue;
      const media = jsonMedia(response);
      expect(media.length, `${status} has a JSON body`).toBe(1);
      expect(mediaExamples(media[0]![1]).length, `${status} has examples`).toBeGreaterThan(0);
    }
  });

  it.each(ops.map((o) => [o.id, o] as const))(
    '%s answers errors as problem details with X-Request-Id',
    (_, { op }) => {
      const statuses = Object.keys(op.responses as JsonObject);
      expect(statuses.some((s) => s.startsWith('4'))).toBe(true);
      expect(statuses).toContain('429');
      expect(statuses).toContain('500');
      for (const [status, response] of responsesOf(op)) {
        expect(Object.keys(response.headers as JsonObject), `${status} X-Request-Id`).toContain(
          'X-Request-Id',
        );
        if (Number(status) >= 400) {
          const [[type, media]] = jsonMedia(response) as [[string, JsonObject]];
          expect(type).toBe('application/problem+json');
          expect((media.schema as JsonObject).$ref).toBe('#/components/schemas/Problem');
          for (const [, example] of mediaExamples(media))
            expect((example as JsonObject).status).toBe(Number(status));
        }
        if (status === '429' || status === '503') {
          expect(Object.keys(response.headers as JsonObject)).toContain('Retry-After');
        }
      }
    },
  );

  it('pages every list with limit and cursor and answers { items, nextCursor }', () => {
    const lists = ops.filter(({ op }) => {
      const ok = (op.responses as JsonObject)['200'];
      if (!ok) return false;
      const media = jsonMedia(deref(ok))[0];
      if (!media) return false;
      const schema = deref(media[1].schema);
      return Boolean((schema.properties as JsonObject | undefined)?.items);
    });
    expect(lists.map((l) => l.id).sort()).toEqual(
      [
        'listAuditEvents',
        'listChanges',
        'listClients',
        'listCodeSets',
        'listDepartments',
        'listResources',
        'listShareRequests',
        'queryRecords',
      ].sort(),
    );
    for (const { id, op } of lists) {
      const names = paramsOf(op).map((p) => `${p.in}:${p.name}`);
      expect(names, id).toContain('query:limit');
      // The change feed resumes from `after`, the other lists from `cursor`.
      expect(names, id).toContain(id === 'listChanges' ? 'query:after' : 'query:cursor');
      const schema = deref(jsonMedia(deref((op.responses as JsonObject)['200']))[0]![1].schema);
      expect(schema.required).toEqual(['items', 'nextCursor']);
    }
    const limit = deref((bundle.components as JsonObject).parameters as Json).LimitParam as JsonObject;
    expect(limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 1000, default: 100 });
  });

  it('guards catalogue changes with If-Match and reads with If-None-Match', () => {
    for (const id of [
      'updateResource',
      'submitResource',
      'registerResource',
      'publishResource',
      'withdrawResource',
    ]) {
      const { op } = byId.get(id)!;
      const ifMatch = paramsOf(op).find((p) => p.name === 'If-Match');
      expect(ifMatch?.in, id).toBe('header');
      expect(Object.keys(op.responses as JsonObject), id).toEqual(expect.arrayContaining(['412', '428']));
      expect(Object.keys(deref((op.responses as JsonObject)['200']).headers as JsonObject)).toContain('ETag');
    }
    const get = byId.get('getResource')!.op;
    expect(paramsOf(get).map((p) => p.name)).toContain('If-None-Match');
    expect(Object.keys(get.responses as JsonObject)).toContain('304');
  });

  it('requires an Idempotency-Key on batches and marks replays', () => {
    const { op } = byId.get('batchRecords')!;
    const key = paramsOf(op).find((p) => p.name === 'Idempotency-Key')!;
    expect(key.required).toBe(true);
    expect(key.schema).toEqual({ type: 'string', minLength: 1, maxLength: 255 });
    expect(Object.keys(deref((op.responses as JsonObject)['200']).headers as JsonObject)).toContain(
      'Idempotent-Replayed',
    );
    const conflict = jsonMedia(deref((op.responses as JsonObject)['409']))[0]![1];
    expect(mediaExamples(conflict).map(([, e]) => (e as JsonObject).code)).toEqual([
      'idempotency.conflict',
      'catalog.key_undeclared',
      'catalog.invalid_transition',
    ]);
  });

  it('declares both security schemes and leaves token, keys and health open', () => {
    const schemes = (bundle.components as JsonObject).securitySchemes as JsonObject;
    expect(Object.keys(schemes).sort()).toEqual(['clientCredentials', 'hmacSignature']);
    expect(bundle.security).toEqual([{ clientCredentials: [] }, { hmacSignature: [] }]);
    const open = ops
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map((o) => o.id);
    // revokeToken authenticates the client in its form, as the token endpoint does (RFC 7009 §2.1).
    expect(open.sort()).toEqual(['getHealth', 'getReceiptKeys', 'issueToken', 'revokeToken']);
  });

  it('refers to the JSON Schema files instead of restating them', () => {
    const schemas = (bundle.components as JsonObject).schemas as JsonObject;
    const entry = schemas.CatalogEntry as JsonObject;
    expect(entry.title).toBe('政务信息资源目录条目 / Catalogue entry');
    expect((entry.properties as JsonObject).items).toMatchObject({
      items: { $ref: '#/components/schemas/InformationItem' },
    });
    expect(schemas.FieldMapping).toBeDefined();
    expect(schemas.UnsiloConfig).toBeDefined();
    expect(JSON.stringify(bundle)).not.toMatch(/\$defs|\.schema"/);
  });
});
