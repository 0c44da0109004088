import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePath, entryFor, recordsFor, startDemo, tokenFor } from './support/demo';

/**
 * Walks EVERY operation of the bundled contract (packages/spec/dist/openapi.json) against a running sandbox:
 * each answer must have a status the spec documents for that operation, the headers it marks required, and a
 * body that validates against the documented schema. The validator here is Ajv over the spec's JSON Schemas,
 * independent of the zod schemas the server checks itself with.
 */

// biome-ignore lint/suspicious/noExplicitAny: walking an arbitrary JSON document
type Json = Record<string, any>;
const specFile = fileURLToPath(new URL('../../packages/spec/dist/openapi.json', import.meta.url));
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'openapi.json');

interface Documented {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, Json>;
}
const operations: Documented[] = Object.entries(spec.paths as Json).flatMap(([path, item]) =>
  ['get', 'post', 'put', 'delete', 'patch']
    .filter((method) => item[method])
    .map((method) => ({
      operationId: item[method].operationId,
      method,
      path,
      responses: item[method].responses,
    })),
);

function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  const target = (node.$ref as string)
    .slice(2)
    .split('/')
    .reduce((at: Json, key) => at[key], spec);
  return resolve(target);
}

interface Step {
  op: string;
  status: number;
  as?: 'gongan' | 'minzheng' | 'renshe' | 'dashuju' | null;
  path?: Record<string, string>;
  query?: string;
  headers?: Record<string, string> | ((ctx: Json) => Record<string, string>);
  body?: unknown | ((ctx: Json) => unknown);
  /** Raw body text, sent with the given content type. */
  raw?: { type: string; text: string };
  after?: (body: Json, response: Response, ctx: Json) => void;
}

const A = entryFor('gongan', 1, 'conditional');
const B = entryFor('gongan', 2, 'none');
const C = entryFor('gongan', 3);
const a = codePath(A.code);
const ifMatch = (key: string) => (ctx: Json) => ({ 'if-match': ctx[key] as string });
const keep = (key: string) => (_body: Json, response: Response, ctx: Json) => {
  ctx[key] = response.headers.get('etag');
};

/** An ordered scenario: later steps use what earlier ones created (ETags, share request ids). */
const steps: Step[] = [
  { op: 'getHealth', status: 200, as: null },
  { op: 'getReceiptKeys', status: 200, as: null },
  {
    op: 'issueToken',
    status: 200,
    as: null,
    raw: {
      type: 'application/x-www-form-urlencoded',
      text: 'grant_type=client_credentials&client_id=renshe-demo&client_secret=renshe-demo-secret-5e1a9d2b',
    },
  },
  {
    op: 'issueToken',
    status: 200,
    as: null,
    body: {
      grant_type: 'client_credentials',
      client_id: 'renshe-demo',
      client_secret: 'renshe-demo-secret-5e1a9d2b',
    },
  },
  {
    op: 'issueToken',
    status: 401,
    as: null,
    body: { grant_type: 'client_credentials', client_id: 'renshe-demo', client_secret: 'nope' },
  },
  { op: 'issueToken', status: 400, as: null, body: { grant_type: 'password' } },
  {
    op: 'issueToken',
    status: 415,
    as: null,
    raw: { type: 'text/plain', text: 'grant_type=client_credentials' },
  },
  { op: 'getMe', status: 200 },
  { op: 'getMe', status: 401, as: null },
  { op: 'listDepartments', status: 200, query: 'limit=2' },
  { op: 'listDepartments', status: 400, query: 'limit=0' },
  { op: 'getDepartment', status: 200, path: { departmentId: 'dashuju' } },
  { op: 'getDepartment', status: 404, path: { departmentId: 'nobody' } },
  { op: 'getDepartment', status: 404, path: { departmentId: '..%2F..%2Fetc%2Fpasswd' } },
  { op: 'createResource', status: 201, body: A, after: keep('etagA') },
  { op: 'createResource', status: 201, body: B, after: keep('etagB') },
  { op: 'createResource', status: 201, body: C, after: keep('etagC') },
  { op: 'createResource', status: 409, body: A },
  { op: 'createResource', status: 403, as: 'minzheng', body: entryFor('gongan', 9) },
  { op: 'createResource', status: 422, body: { ...entryFor('gongan', 9), share: { type: 'conditional' } } },
  { op: 'createResource', status: 400, raw: { type: 'application/json', text: '[1,2,3]' } },
  { op: 'createResource', status: 415, raw: { type: 'application/xml', text: '<entry/>' } },
  { op: 'listResources', status: 200, query: 'status=draft&limit=2' },
  { op: 'listResources', status: 400, query: 'shareType=public' },
  { op: 'getResource', status: 200, path: { code: a } },
  { op: 'getResource', status: 304, path: { code: a }, headers: (ctx) => ({ 'if-none-match': ctx.etagA }) },
  { op: 'getResource', status: 404, path: { code: codePath('307001030801/999999') } },
  { op: 'updateResource', status: 428, path: { code: a }, body: A },
  { op: 'updateResource', status: 412, path: { code: a }, body: A, headers: { 'if-match': '"0-stale"' } },
  {
    op: 'updateResource',
    status: 422,
    path: { code: a },
    body: { ...A, code: '307001030801/000099' },
    headers: ifMatch('etagA'),
  },
  {
    op: 'updateResource',
    status: 404,
    as: 'minzheng',
    path: { code: a },
    body: A,
    headers: ifMatch('etagA'),
  },
  {
    op: 'updateResource',
    status: 404,
    path: { code: codePath('307001030801/999999') },
    body: A,
    headers: ifMatch('etagA'),
  },
  {
    op: 'updateResource',
    status: 400,
    path: { code: a },
    raw: { type: 'application/json', text: '"x"' },
    headers: ifMatch('etagA'),
  },
  {
    op: 'updateResource',
    status: 200,
    path: { code: a },
    body: { ...A, summary: `${A.summary}（更新）` },
    headers: ifMatch('etagA'),
    after: keep('etagA'),
  },
  { op: 'publishResource', status: 409, as: 'dashuju', path: { code: a }, headers: ifMatch('etagA') },
  { op: 'submitResource', status: 428, path: { code: a } },
  { op: 'submitResource', status: 412, path: { code: a }, headers: { 'if-match': '"0-stale"' } },
  { op: 'submitResource', status: 404, as: 'minzheng', path: { code: a }, headers: ifMatch('etagA') },
  {
    op: 'submitResource',
    status: 404,
    path: { code: codePath('307001030801/999999') },
    headers: ifMatch('etagA'),
  },
  { op: 'submitResource', status: 200, path: { code: a }, headers: ifMatch('etagA'), after: keep('etagA') },
  { op: 'registerResource', status: 403, as: 'minzheng', path: { code: a }, headers: ifMatch('etagA') },
  {
    op: 'registerResource',
    status: 200,
    as: 'dashuju',
    path: { code: a },
    headers: ifMatch('etagA'),
    after: keep('etagA'),
  },
  { op: 'registerResource', status: 409, as: 'dashuju', path: { code: a }, headers: ifMatch('etagA') },
  { op: 'registerResource', status: 428, as: 'dashuju', path: { code: a } },
  {
    op: 'registerResource',
    status: 412,
    as: 'dashuju',
    path: { code: a },
    headers: { 'if-match': '"0-stale"' },
  },
  {
    op: 'registerResource',
    status: 404,
    as: 'dashuju',
    path: { code: codePath('307001030801/999999') },
    headers: ifMatch('etagA'),
  },
  { op: 'publishResource', status: 403, as: 'minzheng', path: { code: a }, headers: ifMatch('etagA') },
  { op: 'publishResource', status: 428, as: 'dashuju', path: { code: a } },
  {
    op: 'publishResource',
    status: 412,
    as: 'dashuju',
    path: { code: a },
    headers: { 'if-match': '"0-stale"' },
  },
  {
    op: 'publishResource',
    status: 404,
    as: 'dashuju',
    path: { code: codePath('307001030801/999999') },
    headers: ifMatch('etagA'),
  },
  {
    op: 'publishResource',
    status: 200,
    as: 'dashuju',
    path: { code: a },
    headers: ifMatch('etagA'),
    after: keep('etagA'),
  },
  {
    op: 'updateResource',
    status: 403,
    as: 'minzheng',
    path: { code: a },
    body: A,
    headers: ifMatch('etagA'),
  },
  { op: 'submitResource', status: 403, as: 'minzheng', path: { code: a }, headers: ifMatch('etagA') },
  {
    op: 'submitResource',
    status: 200,
    path: { code: codePath(B.code) },
    headers: ifMatch('etagB'),
    after: keep('etagB'),
  },
  {
    op: 'registerResource',
    status: 200,
    as: 'dashuju',
    path: { code: codePath(B.code) },
    headers: ifMatch('etagB'),
    after: keep('etagB'),
  },
  {
    op: 'publishResource',
    status: 200,
    as: 'dashuju',
    path: { code: codePath(B.code) },
    headers: ifMatch('etagB'),
  },
  {
    op: 'withdrawResource',
    status: 400,
    path: { code: codePath(C.code) },
    body: {},
    headers: ifMatch('etagC'),
  },
  { op: 'withdrawResource', status: 428, path: { code: codePath(C.code) }, body: { reason: '停用' } },
  {
    op: 'withdrawResource',
    status: 412,
    path: { code: codePath(C.code) },
    body: { reason: '停用' },
    headers: { 'if-match': '"0-stale"' },
  },
  {
    op: 'withdrawResource',
    status: 404,
    as: 'minzheng',
    path: { code: codePath(C.code) },
    body: { reason: '停用' },
    headers: ifMatch('etagC'),
  },
  {
    op: 'withdrawResource',
    status: 403,
    as: 'minzheng',
    path: { code: a },
    body: { reason: '停用' },
    headers: ifMatch('etagA'),
  },
  {
    op: 'withdrawResource',
    status: 404,
    path: { code: codePath('307001030801/999999') },
    body: { reason: '停用' },
    headers: ifMatch('etagC'),
  },
  {
    op: 'withdrawResource',
    status: 415,
    path: { code: codePath(C.code) },
    raw: { type: 'text/plain', text: 'x' },
    headers: ifMatch('etagC'),
  },
  {
    op: 'withdrawResource',
    status: 200,
    path: { code: codePath(C.code) },
    body: { reason: '停用' },
    headers: ifMatch('etagC'),
    after: keep('etagC'),
  },
  {
    op: 'withdrawResource',
    status: 409,
    path: { code: codePath(C.code) },
    body: { reason: '停用' },
    headers: ifMatch('etagC'),
  },
  { op: 'updateResource', status: 409, path: { code: codePath(C.code) }, body: C, headers: ifMatch('etagC') },
  {
    op: 'batchRecords',
    status: 200,
    path: { code: a },
    body: { upsert: recordsFor(5), delete: [{ bh: 'R00000004' }] },
    headers: { 'idempotency-key': 'c-1' },
  },
  {
    op: 'batchRecords',
    status: 200,
    path: { code: a },
    body: { upsert: recordsFor(5), delete: [{ bh: 'R00000004' }] },
    headers: { 'idempotency-key': 'c-1' },
  },
  {
    op: 'batchRecords',
    status: 409,
    path: { code: a },
    body: { upsert: recordsFor(6) },
    headers: { 'idempotency-key': 'c-1' },
  },
  { op: 'batchRecords', status: 400, path: { code: a }, body: { upsert: recordsFor(1) } },
  {
    op: 'batchRecords',
    status: 403,
    as: 'minzheng',
    path: { code: a },
    body: { upsert: recordsFor(1) },
    headers: { 'idempotency-key': 'c-2' },
  },
  {
    op: 'batchRecords',
    status: 404,
    path: { code: codePath('307001030801/999999') },
    body: { upsert: [] },
    headers: { 'idempotency-key': 'c-3' },
  },
  {
    op: 'batchRecords',
    status: 413,
    path: { code: a },
    body: { upsert: recordsFor(5001) },
    headers: { 'idempotency-key': 'c-4' },
  },
  {
    op: 'batchRecords',
    status: 415,
    path: { code: a },
    raw: { type: 'text/csv', text: 'bh,xm' },
    headers: { 'idempotency-key': 'c-5' },
  },
  {
    op: 'batchRecords',
    status: 409,
    path: { code: codePath(C.code) },
    body: { upsert: recordsFor(1) },
    headers: { 'idempotency-key': 'c-6' },
  },
  { op: 'queryRecords', status: 200, path: { code: a }, query: 'filter[xm]=%E5%A7%93%E5%90%8D1&limit=2' },
  { op: 'queryRecords', status: 400, path: { code: a }, query: 'filter[nope]=1' },
  { op: 'queryRecords', status: 403, as: 'renshe', path: { code: a } },
  { op: 'queryRecords', status: 403, as: 'renshe', path: { code: codePath(B.code) } },
  { op: 'queryRecords', status: 404, path: { code: codePath('307001030801/999999') } },
  { op: 'listChanges', status: 200, path: { code: a }, query: 'limit=3' },
  { op: 'listChanges', status: 400, path: { code: a }, query: 'after=garbage' },
  { op: 'listChanges', status: 403, as: 'renshe', path: { code: a } },
  { op: 'listChanges', status: 404, path: { code: codePath('307001030801/999999') } },
  { op: 'getQuality', status: 200, path: { code: a } },
  { op: 'getQuality', status: 200, as: 'dashuju', path: { code: a } },
  { op: 'getQuality', status: 403, as: 'renshe', path: { code: a } },
  { op: 'getQuality', status: 404, path: { code: codePath('307001030801/999999') } },
  { op: 'getQualityConflicts', status: 200 },
  { op: 'getQualityConflicts', status: 200, as: 'dashuju', query: 'element=person.name&examples=1' },
  { op: 'getQualityConflicts', status: 400, query: 'examples=99' },
  { op: 'getQualityConflicts', status: 404, query: 'resource=307001030801%2F999999' },
  {
    op: 'reportSyncRun',
    status: 201,
    path: { code: a },
    body: {
      runId: 'c-run',
      mode: 'full',
      rowsRead: 5,
      accepted: 3,
      refusedLocally: { total: 2, byReason: { codes: 2 } },
    },
  },
  {
    op: 'reportSyncRun',
    status: 200,
    path: { code: a },
    body: { runId: 'c-run', rowsRead: 6, accepted: 3, refusedLocally: { total: 3, byReason: { codes: 3 } } },
  },
  {
    op: 'reportSyncRun',
    status: 400,
    path: { code: a },
    body: { rowsRead: 1, accepted: 1, refusedLocally: { total: 0, byReason: {} }, rejected: 0 },
  },
  {
    op: 'reportSyncRun',
    status: 403,
    as: 'renshe',
    path: { code: a },
    body: { rowsRead: 1, accepted: 1, refusedLocally: { total: 0, byReason: {} } },
  },
  {
    op: 'reportSyncRun',
    status: 404,
    path: { code: codePath('307001030801/999999') },
    body: { rowsRead: 1, accepted: 1, refusedLocally: { total: 0, byReason: {} } },
  },
  {
    op: 'reportSyncRun',
    status: 422,
    path: { code: a },
    body: { rowsRead: 1, accepted: 1, refusedLocally: { total: 1, byReason: {} } },
  },
  { op: 'listCodeSets', status: 200 },
  { op: 'listCodeSets', status: 400, query: 'limit=abc' },
  { op: 'getCodeSet', status: 200, path: { id: 'gbt-2261-1' } },
  { op: 'getCodeSet', status: 404, path: { id: 'gbt-0000' } },
  {
    op: 'createShareRequest',
    status: 201,
    as: 'minzheng',
    body: { resource: A.code, purpose: '低保核验' },
    after: (body, _r, ctx) => {
      ctx.sr1 = body.id;
    },
  },
  {
    op: 'createShareRequest',
    status: 201,
    as: 'renshe',
    body: { resource: A.code, purpose: '社保核验' },
    after: (body, _r, ctx) => {
      ctx.sr2 = body.id;
    },
  },
  { op: 'createShareRequest', status: 400, as: 'minzheng', body: { resource: A.code } },
  { op: 'createShareRequest', status: 403, as: 'minzheng', body: { resource: B.code, purpose: '核验' } },
  {
    op: 'createShareRequest',
    status: 404,
    as: 'minzheng',
    body: { resource: '307001030801/999999', purpose: '核验' },
  },
  { op: 'createShareRequest', status: 415, as: 'minzheng', raw: { type: 'text/plain', text: 'x' } },
  { op: 'listShareRequests', status: 200, query: 'role=provider&status=pending' },
  { op: 'listShareRequests', status: 400, query: 'role=admin' },
  { op: 'getShareRequest', status: 200, path: { id: '{sr1}' } },
  { op: 'getShareRequest', status: 404, path: { id: 'nope' } },
  { op: 'approveShareRequest', status: 403, as: 'minzheng', path: { id: '{sr1}' } },
  { op: 'approveShareRequest', status: 404, path: { id: 'nope' } },
  { op: 'approveShareRequest', status: 200, path: { id: '{sr1}' } },
  { op: 'approveShareRequest', status: 409, path: { id: '{sr1}' } },
  { op: 'refuseShareRequest', status: 400, path: { id: '{sr2}' }, body: {} },
  {
    op: 'refuseShareRequest',
    status: 403,
    as: 'renshe',
    path: { id: '{sr2}' },
    body: { reason: '不予批准' },
  },
  { op: 'refuseShareRequest', status: 404, path: { id: 'nope' }, body: { reason: '不予批准' } },
  { op: 'refuseShareRequest', status: 415, path: { id: '{sr2}' }, raw: { type: 'text/plain', text: 'no' } },
  { op: 'refuseShareRequest', status: 200, path: { id: '{sr2}' }, body: { reason: '不予批准' } },
  { op: 'refuseShareRequest', status: 409, path: { id: '{sr2}' }, body: { reason: '不予批准' } },
  { op: 'queryRecords', status: 200, as: 'minzheng', path: { code: a } },
  { op: 'listAuditEvents', status: 200, query: 'limit=5' },
  { op: 'listAuditEvents', status: 200, as: 'dashuju', query: 'action=records.batch' },
  { op: 'listAuditEvents', status: 400, query: 'limit=-1' },
  {
    op: 'createClient',
    status: 201,
    as: 'dashuju',
    path: { departmentId: 'minzheng' },
    after: (body, _response, ctx) => {
      ctx.client = body.client.clientId;
    },
  },
  { op: 'createClient', status: 403, path: { departmentId: 'minzheng' } },
  { op: 'createClient', status: 404, as: 'dashuju', path: { departmentId: 'nobody' } },
  { op: 'listClients', status: 200, as: 'dashuju', path: { departmentId: 'minzheng' } },
  { op: 'listClients', status: 400, as: 'dashuju', path: { departmentId: 'minzheng' }, query: 'limit=0' },
  { op: 'rotateClientSecret', status: 200, as: 'dashuju', path: { clientId: '{client}' }, body: {} },
  { op: 'rotateClientSecret', status: 400, as: 'dashuju', path: { clientId: '{client}' } },
  {
    op: 'rotateClientSecret',
    status: 200,
    as: 'dashuju',
    path: { clientId: '{client}' },
    body: { graceSeconds: 60 },
  },
  {
    op: 'rotateClientSecret',
    status: 400,
    as: 'dashuju',
    path: { clientId: '{client}' },
    body: { graceSeconds: 2_592_001 },
  },
  { op: 'rotateClientSecret', status: 404, as: 'dashuju', path: { clientId: 'nope' }, body: {} },
  {
    op: 'revokeToken',
    status: 200,
    as: null,
    raw: {
      type: 'application/x-www-form-urlencoded',
      text: 'token=never-issued&client_id=renshe-demo&client_secret=renshe-demo-secret-5e1a9d2b',
    },
  },
  {
    op: 'revokeToken',
    status: 401,
    as: null,
    body: { token: 'never-issued', client_id: 'renshe-demo', client_secret: 'nope' },
  },
  { op: 'revokeToken', status: 400, as: null, body: { client_id: 'renshe-demo', client_secret: 'nope' } },
  { op: 'revokeClient', status: 200, as: 'dashuju', path: { clientId: '{client}' } },
  { op: 'revokeClient', status: 404, as: 'dashuju', path: { clientId: 'nope' } },
  { op: 'rotateClientSecret', status: 409, as: 'dashuju', path: { clientId: '{client}' }, body: {} },
  {
    op: 'eraseSubject',
    status: 200,
    as: 'dashuju',
    body: { subject: '11010519491231002X', reason: '契约测试', dryRun: true },
  },
  { op: 'eraseSubject', status: 400, as: 'dashuju', body: { subject: '', reason: '契约测试' } },
  {
    op: 'eraseSubject',
    status: 404,
    as: 'dashuju',
    body: { subject: 'x', reason: '契约测试', resources: ['307001030801/999999'] },
  },
  { op: 'eraseSubject', status: 403, body: { subject: 'x', reason: '契约测试' } },
  { op: 'compactChanges', status: 200, as: 'dashuju' },
  { op: 'compactChanges', status: 403 },
];

describe('contract: every operation of the spec, answered as documented', () => {
  let sandbox: Awaited<ReturnType<typeof startDemo>>;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: false, retentionDays: 30 });
    for (const department of ['gongan', 'minzheng', 'renshe', 'dashuju'] as const) {
      tokens[department] = await tokenFor(sandbox.url, department);
    }
  });
  afterAll(() => sandbox.close());

  it('the scenario covers every operation of the spec, each with a success', () => {
    const covered = new Set(steps.filter((s) => s.status < 300).map((s) => s.op));
    expect([...covered].sort()).toEqual(operations.map((o) => o.operationId).sort());
    // Every secured operation is also tried without credentials below.
    expect(operations.length).toBeGreaterThanOrEqual(26);
  });

  it('answers each step with a documented status, the documented headers and a valid body', async () => {
    const ctx: Json = {};
    const failures: string[] = [];
    for (const [index, step] of steps.entries()) {
      const operation = operations.find((o) => o.operationId === step.op)!;
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        (step.path?.[name] ?? '').replace(/\{(\w+)\}/g, (__, key: string) => ctx[key]),
      );
      const as = step.as === undefined ? 'gongan' : step.as;
      const headers: Record<string, string> = {
        ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
        ...(typeof step.headers === 'function' ? step.headers(ctx) : step.headers),
      };
      let body: string | undefined;
      if (step.raw) {
        headers['content-type'] = step.raw.type;
        body = step.raw.text;
      } else if (step.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(
          typeof step.body === 'function' ? (step.body as (c: Json) => unknown)(ctx) : step.body,
        );
      }
      const response = await fetch(`${sandbox.url}${path}${step.query ? `?${step.query}` : ''}`, {
        method: operation.method.toUpperCase(),
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      const label = `#${index} ${step.op} → ${response.status} (expected ${step.status})`;
      failures.push(...checkAnswer(operation, response, text).map((problem) => `${label}: ${problem}`));
      if (response.status !== step.status) failures.push(`${label}: ${text.slice(0, 300)}`);
      if (step.after && response.status === step.status)
        step.after(text ? JSON.parse(text) : {}, response, ctx);
    }
    expect(failures).toEqual([]);
  });

  it('answers every secured operation without credentials with a documented 401 problem', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const anonymous = ['issueToken', 'revokeToken'].includes(operation.operationId);
      const secured = operation.responses['401'] !== undefined && !anonymous;
      if (!secured) continue;
      const path = operation.path
        .replace('{code}', a)
        .replace('{departmentId}', 'gongan')
        .replace('{clientId}', 'x')
        .replace('{id}', 'x');
      const response = await fetch(`${sandbox.url}${path}`, { method: operation.method.toUpperCase() });
      const text = await response.text();
      if (response.status !== 401)
        failures.push(`${operation.operationId}: ${response.status} ${text.slice(0, 200)}`);
      failures.push(...checkAnswer(operation, response, text).map((p) => `${operation.operationId}: ${p}`));
    }
    expect(failures).toEqual([]);
  });
});

/** Status documented, required headers present, body valid against the documented schema (Ajv). */
function checkAnswer(operation: Documented, response: Response, text: string): string[] {
  const problems: string[] = [];
  const documented = operation.responses[String(response.status)];
  if (!documented)
    return [`status ${response.status} is not documented (${Object.keys(operation.responses).join(', ')})`];
  const resolved = resolve(documented);
  if (!response.headers.get('x-request-id')) problems.push('no X-Request-Id header');
  for (const [name, header] of Object.entries((resolved.headers ?? {}) as Json)) {
    if (resolve(header as Json).required && !response.headers.get(name))
      problems.push(`missing required header ${name}`);
  }
  const content = (resolved.content ?? {}) as Json;
  const types = Object.keys(content);
  if (types.length === 0) {
    if (text !== '') problems.push('a body where none is documented');
    return problems;
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!types.includes(type)) return [...problems, `content type ${type} not among ${types.join(', ')}`];
  const schema = content[type].schema as Json;
  const validate = ajv.compile({
    $ref: `openapi.json${(schema.$ref as string | undefined) ?? ''}`,
    ...(schema.$ref ? {} : schema),
  });
  if (!validate(JSON.parse(text))) {
    problems.push(`body invalid: ${ajv.errorsText(validate.errors)} — ${text.slice(0, 200)}`);
  }
  return problems;
}
