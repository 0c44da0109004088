import { assertCanRead, assertIsProvider } from '../access/access-policy';
import type { StoredResource } from '../catalog/resource-store';
import type { OperationHandlers, OperationInput, OperationOutput } from '../http/operation';
import { ownHeader } from '../http/own-header';
import { Problem } from '../problems/problem';
import { decodeCursor, encodeCursor } from '../records/cursor';
import { type BatchContext, processBatch } from '../records/process-batch';
import { measuredItems, measureQuality } from '../records/quality';
import type { Caller } from '../sandbox-state';
import type { Services } from '../services';
import { loadResource } from './catalog-routes';
import { afterOf, limitOf, pageOf } from './page';

/**
 * The version a provider's batch is checked against: the one in force. Records go only to the provider's own
 * published resources — not to an entry before its first publication, nor after its withdrawal.
 */
export function inForceForRecords(resource: StoredResource, caller: Caller): StoredResource {
  assertIsProvider(caller, resource);
  const inForce = resource.inForce;
  if (inForce?.status === 'withdrawn') {
    throw new Problem('catalog.invalid_transition', `${resource.code} is withdrawn and takes no more data`, {
      zh: '该信息资源已撤销，不再接收数据',
      extensions: { from: 'withdrawn' },
    });
  }
  if (!inForce) {
    throw new Problem(
      'catalog.invalid_transition',
      `${resource.code} is ${resource.status} and was never published; records go to published resources only`,
      {
        zh: '该信息资源尚未发布，只有已发布的信息资源可以接收数据',
        extensions: { from: resource.status },
      },
    );
  }
  return inForce;
}

export function recordsRoutes(services: Services): OperationHandlers {
  const { state, records } = services;
  const batchContext: BatchContext = {
    records,
    signer: state.signer,
    now: state.now,
    checkerFor: services.checkerFor,
  };
  return {
    batchRecords: (input) => batchRecords(services, batchContext, input),
    queryRecords: (input) => queryRecords(services, input),
    listChanges: (input) => listChanges(services, input),
    getQuality: (input) => getQuality(services, input),
  };
}

async function batchRecords(
  services: Services,
  batchContext: BatchContext,
  { request, caller, params, body }: OperationInput,
): Promise<OperationOutput> {
  const key = ownHeader(request.headers, 'idempotency-key');
  if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
    throw new Problem(
      'idempotency.key_required',
      'A record batch needs an Idempotency-Key header (1..255 characters)',
    );
  }
  const resource = inForceForRecords(await loadResource(services, request, caller, params.code!), caller);
  const batch = body as { upsert?: unknown[]; delete?: unknown[] };
  const upsert = batch.upsert ?? [];
  const remove = batch.delete ?? [];
  if (upsert.length + remove.length > services.state.maxBatchOperations) {
    throw new Problem(
      'request.too_large',
      `A batch carries at most ${services.state.maxBatchOperations} operations; this one has ${upsert.length + remove.length}`,
      {
        zh: `每批最多 ${services.state.maxBatchOperations} 个操作，本批 ${upsert.length + remove.length} 个`,
      },
    );
  }
  const answer = await processBatch(batchContext, {
    departmentId: caller.department.id,
    resource,
    idempotencyKey: key,
    rawBody: request.rawBody ?? Buffer.alloc(0),
    upsert,
    delete: remove,
  });
  request.auditFacts!.detail = {
    idempotencyKey: key,
    replayed: answer.replayed,
    operations: upsert.length + remove.length,
  };
  return {
    status: answer.statusCode,
    bytes: answer.bytes,
    ...(answer.answer !== undefined ? { body: answer.answer } : {}),
    ...(answer.replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}),
  };
}

async function queryRecords(services: Services, input: OperationInput): Promise<OperationOutput> {
  const { request, query } = input;
  const resource = await readableResource(services, input);
  const limit = limitOf(query);
  const after = afterOf('rec', query) ?? '';
  const filters = filtersOf(request.query as Record<string, unknown>, resource);
  const rows =
    filters.length === 0
      ? await services.records.page(resource.code, after, limit + 1)
      : await services.records.filteredPage(resource.code, filters, after, limit + 1);
  const page = pageOf(
    rows,
    limit,
    'rec',
    (row) => row.record_key,
    (row) => JSON.parse(row.data) as unknown,
  );
  request.auditFacts!.detail = {
    returned: page.items.length,
    ...(filters.length ? { filters: filters.map(([f]) => f) } : {}),
  };
  return { status: 200, body: page };
}

/** The `filter[item]=value` parameters of a records query; an item the resource does not have is refused. */
function filtersOf(rawQuery: Record<string, unknown>, resource: StoredResource): Array<[string, string]> {
  const itemKeys = new Set(((resource.inForce ?? resource).entry.items ?? []).map((item) => item.key));
  const filters: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(rawQuery)) {
    const match = /^filter\[(.+)\]$/.exec(name);
    if (!match) continue;
    const item = match[1]!;
    if (!itemKeys.has(item)) {
      throw new Problem(
        'request.invalid',
        `filter[${item}]: ${resource.code} has no item with the key ${item}`,
        {
          zh: `过滤条件 ${item} 不是该资源的信息项`,
          errors: [
            {
              field: `filter[${item}]`,
              rule: 'unknown-item',
              message: 'not an item of the resource',
              zh: '不是该资源的信息项',
            },
          ],
        },
      );
    }
    filters.push([item, Array.isArray(value) ? String(value[0]) : String(value)]);
  }
  return filters;
}

/** The resource of the path, when the caller may read its records (404 or 403 otherwise). */
async function readableResource(
  services: Services,
  { request, caller, params }: OperationInput,
): Promise<StoredResource> {
  const resource = await loadResource(services, request, caller, params.code!);
  await assertCanRead(caller, resource, services.shares);
  return resource;
}

async function listChanges(services: Services, input: OperationInput): Promise<OperationOutput> {
  const { request, query } = input;
  const resource = await readableResource(services, input);
  const limit = limitOf(query);
  const afterText = decodeCursor('chg', typeof query.after === 'string' ? query.after : undefined);
  if (afterText !== undefined && !/^\d{1,15}$/.test(afterText)) {
    throw new Problem('request.invalid', 'after is not a cursor of this feed', {
      zh: 'after 不是本变更流的游标',
    });
  }
  const after = afterText === undefined ? 0 : Number(afterText);
  const rows = await services.records.changesAfter(resource.code, after, limit + 1);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  request.auditFacts!.detail = { returned: shown.length };
  const last = shown[shown.length - 1];
  return {
    status: 200,
    body: {
      items: shown.map((row) => ({
        seq: row.seq,
        op: row.op,
        key: JSON.parse(row.record_key),
        ...(row.data !== null ? { record: JSON.parse(row.data) } : {}),
        at: row.at,
      })),
      // Every non-empty page names its last change, so a consumer keeps the last cursor and polls from it
      // later; an empty page (nothing new yet) ends the iteration with null.
      nextCursor: last ? encodeCursor('chg', last.seq) : null,
    },
  };
}

async function getQuality(
  services: Services,
  { request, caller, params }: OperationInput,
): Promise<OperationOutput> {
  const resource = await loadResource(services, request, caller, params.code!);
  // Quality is the provider's and the authority's business, and visible to whoever may read the data.
  if (!caller.department.roles.includes('authority')) await assertCanRead(caller, resource, services.shares);
  // The records were checked against the version in force; a change under review is not measured yet.
  const measured = resource.inForce ?? resource;
  const items = measuredItems(measured);
  const figures = await services.quality.figures(measured.code, items);
  const reported = await services.syncRuns.totals(resource.code);
  return {
    status: 200,
    body: measureQuality(measured, items, figures, services.state.now(), reported),
  };
}
