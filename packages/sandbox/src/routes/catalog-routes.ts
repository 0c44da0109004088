import type { Finding } from '@unsilo/sdk';
import type { FastifyRequest } from 'fastify';
import { assertIsProvider } from '../access/access-policy';
import { roleRequired } from '../access/roles';
import { catalogViewerOf, seesWorkingVersion, visibleVersion } from '../access/visibility';
import type { CatalogEntry, HistoryEvent, ResourceStatus, StoredResource } from '../catalog/resource-store';
import type { OperationHandlers, OperationInput, OperationOutput } from '../http/operation';
import { ownHeader } from '../http/own-header';
import { Problem } from '../problems/problem';
import type { Caller } from '../sandbox-state';
import type { Services } from '../services';
import { afterOf, limitOf, pageOf } from './page';

export function resourcePath(code: string): string {
  return `/v1/catalog/resources/${encodeURIComponent(code)}`;
}

export function toSummary(resource: StoredResource) {
  return {
    code: resource.code,
    name: resource.name,
    provider: { name: resource.entry.provider.name, code: resource.providerCode },
    status: resource.status,
    shareType: resource.shareType,
    updateCycle: resource.updateCycle,
    updatedAt: resource.updatedAt,
    etag: resource.etag,
  };
}

/**
 * Finds a resource by its code, in the version the caller sees (see `visibleVersion`), and notes it for the
 * audit log; 404 when absent, and when the caller may not know it exists (never published, not theirs). The
 * provider's audit log shows such probes too.
 */
export async function loadResource(
  services: Services,
  request: FastifyRequest,
  caller: Caller,
  code: string,
): Promise<StoredResource> {
  const resource = await services.resources.get(code);
  request.auditFacts = { ...request.auditFacts, resource: code };
  if (resource) request.auditFacts.resourceProviderId = resource.providerId;
  const visible = resource && visibleVersion(caller, resource);
  if (!visible) throw new Problem('resource.not_found', `No catalogue resource has the code ${code}`);
  return visible;
}

/** The history others see: up to the publication in force, and its withdrawal — not a change under review. */
function historyInForce(events: HistoryEvent[]): HistoryEvent[] {
  const published = events.findLastIndex((event) => event.action === 'publish');
  return [
    ...events.slice(0, published + 1),
    ...events.slice(published + 1).filter((event) => event.action === 'withdraw'),
  ];
}

/** Checks If-Match against the current ETag: 428 without it, 412 when it no longer matches. */
function assertIfMatch(request: FastifyRequest, current: StoredResource): void {
  const header = ownHeader(request.headers, 'if-match');
  if (header === undefined || header === '') {
    throw new Problem('precondition.required', 'Send If-Match with the ETag you read');
  }
  const tags = String(header)
    .split(',')
    .map((tag) => tag.trim());
  if (!tags.includes('*') && !tags.includes(current.etag)) {
    throw new Problem(
      'precondition.failed',
      `If-Match ${header} does not match the current ETag ${current.etag}`,
    );
  }
}

async function lintOrRefuse(services: Services, caller: Caller, entry: CatalogEntry): Promise<Finding[]> {
  const findings = await services.lint(entry, catalogViewerOf(caller));
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    throw new Problem(
      'catalog.lint_failed',
      `The entry has ${errors.length} error${errors.length > 1 ? 's' : ''}`,
      {
        zh: `目录条目有 ${errors.length} 个错误`,
        errors: findings,
      },
    );
  }
  return findings;
}

function assertOwnProviderCode(caller: Caller, entry: CatalogEntry): void {
  if (entry.provider?.code !== caller.department.code) {
    throw new Problem(
      'access.forbidden',
      `provider.code ${entry.provider?.code ?? '(none)'} is not the code of your department (${caller.department.code}); a department describes only its own resources`,
      { zh: '提供方代码与本部门的统一社会信用代码不一致，部门只能编目本部门的信息资源' },
    );
  }
}

/** Who takes a step: the provider of the entry, the authority (or the provider with selfApprove), or either. */
type StepTaker = 'provider' | 'authority' | 'provider-or-authority';

const transitions = {
  submitResource: { action: 'submit', from: ['draft'], to: 'submitted', by: 'provider' },
  registerResource: { action: 'register', from: ['submitted'], to: 'registered', by: 'authority' },
  publishResource: { action: 'publish', from: ['registered'], to: 'published', by: 'authority' },
  withdrawResource: {
    action: 'withdraw',
    from: ['draft', 'submitted', 'registered', 'published'],
    to: 'withdrawn',
    by: 'provider-or-authority',
  },
} as const satisfies Record<
  string,
  { action: string; from: ResourceStatus[]; to: ResourceStatus; by: StepTaker }
>;

const stepRefusals: Record<StepTaker, { en: string; zh: string }> = {
  provider: { en: 'Only the provider of {code} may {action} it', zh: '只有信息资源提供方可以执行该操作' },
  authority: {
    en: 'Only an authority department may {action} {code}',
    zh: '只有管理部门（大数据局）可以执行该操作',
  },
  'provider-or-authority': {
    en: 'Only the provider of {code} or an authority department may {action} it',
    zh: '只有信息资源提供方或管理部门（大数据局）可以执行该操作',
  },
};

const statusZh: Record<ResourceStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  registered: '已注册',
  published: '已发布',
  withdrawn: '已撤销',
};

type Step = (typeof transitions)[keyof typeof transitions];

export function catalogRoutes(services: Services): OperationHandlers {
  return {
    listResources: (input) => listResources(services, input),
    createResource: (input) => createResource(services, input),
    getResource: (input) => getResource(services, input),
    updateResource: (input) => updateResource(services, input),
    submitResource: (input) => takeStep(services, 'submitResource', input),
    registerResource: (input) => takeStep(services, 'registerResource', input),
    publishResource: (input) => takeStep(services, 'publishResource', input),
    withdrawResource: (input) => takeStep(services, 'withdrawResource', input),
  };
}

const nowOf = (services: Services) => new Date(services.state.now()).toISOString();

/**
 * A resource as the caller sees it. The provider and the authority see a change under review with the
 * version in force beside it (`published`); others see the version in force, with the history behind it.
 */
async function representation(
  services: Services,
  caller: Caller,
  resource: StoredResource,
  diagnostics: Finding[] = [],
) {
  const working = seesWorkingVersion(caller, resource);
  const pending =
    working && resource.inForce && resource.inForce !== resource && resource.status !== 'withdrawn';
  const events = await services.resources.history(resource.code);
  return {
    code: resource.code,
    status: resource.status,
    entry: resource.entry,
    providerId: resource.providerId,
    createdAt: resource.createdAt,
    updatedAt: resource.updatedAt,
    etag: resource.etag,
    ...(diagnostics.length > 0 ? { diagnostics } : {}),
    history: (working ? events : historyInForce(events)).map((event) => ({
      status: event.status,
      at: event.at,
      by: event.department,
      ...(event.reason ? { reason: event.reason } : {}),
    })),
    ...(pending ? { published: { entry: resource.inForce!.entry, publishedAt: resource.publishedAt! } } : {}),
  };
}

async function listResources(
  services: Services,
  { caller, query }: OperationInput,
): Promise<OperationOutput> {
  const limit = limitOf(query);
  const rows = await services.resources.list(
    {
      provider: query.provider as string | undefined,
      status: query.status as string | undefined,
      shareType: query.shareType as string | undefined,
      q: query.q as string | undefined,
      after: afterOf('res', query),
      limit: limit + 1,
    },
    catalogViewerOf(caller),
  );
  return { status: 200, body: pageOf(rows, limit, 'res', (r) => r.code, toSummary) };
}

async function createResource(
  services: Services,
  { request, caller, body }: OperationInput,
): Promise<OperationOutput> {
  const entry = body as CatalogEntry;
  request.auditFacts = { resource: typeof entry.code === 'string' ? entry.code : undefined };
  const findings = await lintOrRefuse(services, caller, entry);
  assertOwnProviderCode(caller, entry);
  // The check of the code and the insert are one step of the store.
  const created = await services.resources.create(entry, caller.department.id, nowOf(services));
  if (!created) {
    throw new Problem('catalog.duplicate_code', `A resource with the code ${entry.code} exists`, {
      zh: `信息资源代码 ${entry.code} 已存在`,
    });
  }
  request.auditFacts.resourceProviderId = created.providerId;
  return {
    status: 201,
    body: await representation(services, caller, created, findings),
    headers: { etag: created.etag, location: resourcePath(created.code) },
  };
}

async function getResource(
  services: Services,
  { request, caller, params }: OperationInput,
): Promise<OperationOutput> {
  const resource = await loadResource(services, request, caller, params.code!);
  const known = ownHeader(request.headers, 'if-none-match');
  if (
    typeof known === 'string' &&
    known.split(',').some((tag) => tag.trim() === resource.etag || tag.trim() === '*')
  ) {
    return { status: 304, headers: { etag: resource.etag } };
  }
  return {
    status: 200,
    body: await representation(services, caller, resource),
    headers: { etag: resource.etag },
  };
}

async function updateResource(
  services: Services,
  { request, caller, params, body }: OperationInput,
): Promise<OperationOutput> {
  const current = await loadResource(services, request, caller, params.code!);
  assertIsProvider(caller, current);
  assertIfMatch(request, current);
  if (current.status === 'withdrawn') {
    throw new Problem('catalog.invalid_transition', `${current.code} is withdrawn and can no longer change`, {
      zh: '该信息资源已撤销，不能再修改',
      extensions: { from: 'withdrawn', to: 'withdrawn' },
    });
  }
  const entry = body as CatalogEntry;
  if (entry.code !== current.code) {
    throw new Problem(
      'catalog.code_mismatch',
      `The entry's code ${String(entry.code)} differs from ${current.code}`,
    );
  }
  const findings = await lintOrRefuse(services, caller, entry);
  assertOwnProviderCode(caller, entry);
  // A change to a reviewed entry goes back to review; a draft stays a draft.
  const status: ResourceStatus = current.status === 'draft' ? 'draft' : 'submitted';
  const next = await services.resources.update(current, entry, status, caller.department.id, nowOf(services));
  if (!next) throw new Problem('precondition.failed', 'The resource changed meanwhile; read it again');
  return {
    status: 200,
    body: await representation(services, caller, next, findings),
    headers: { etag: next.etag },
  };
}

/** A life-cycle step: submit, register, publish or withdraw. */
async function takeStep(
  services: Services,
  name: keyof typeof transitions,
  { request, caller, params, body }: OperationInput,
): Promise<OperationOutput> {
  const step = transitions[name];
  assertRoleMayTake(services, step, caller);
  const current = await loadResource(services, request, caller, params.code!);
  assertMayTake(step, caller, current);
  assertIfMatch(request, current);
  if (!(step.from as readonly ResourceStatus[]).includes(current.status)) {
    throw new Problem(
      'catalog.invalid_transition',
      `Cannot ${step.action} ${current.code}: it is ${current.status}; ${step.action} needs ${step.from.join(' or ')}`,
      {
        zh: `当前状态为${statusZh[current.status]}，不能执行该操作（须为${step.from.map((s) => statusZh[s]).join('或')}）`,
        extensions: { from: current.status, to: step.to },
      },
    );
  }
  const reason = name === 'withdrawResource' ? (body as { reason: string }).reason : undefined;
  const next = await services.resources.transition(
    current,
    step.action,
    step.to,
    caller.department.id,
    reason,
    nowOf(services),
  );
  if (!next) throw new Problem('precondition.failed', 'The resource changed meanwhile; read it again');
  return {
    status: 200,
    body: await representation(services, caller, next),
    headers: { etag: next.etag },
  };
}

/**
 * The role check let providers through to an authority's step for selfApprove; without it, the step is the
 * authority's alone — refused as the role check would have, before the resource is looked at.
 */
function assertRoleMayTake(services: Services, step: Step, caller: Caller): void {
  if (step.by !== 'authority' || services.state.selfApprove || caller.department.roles.includes('authority'))
    return;
  throw roleRequired(`${step.action} of a catalogue entry`, ['authority']);
}

/** Refuses a life-cycle step to a caller who may not take it on this resource. */
function assertMayTake(step: Step, caller: Caller, current: StoredResource): void {
  const isProvider = current.providerId === caller.department.id;
  const isAuthority = caller.department.roles.includes('authority');
  if (step.by === 'provider' && isProvider) return;
  if (step.by !== 'provider' && (isProvider || isAuthority)) return;
  const refusal = stepRefusals[step.by];
  throw new Problem(
    'access.forbidden',
    refusal.en.replace('{code}', current.code).replace('{action}', step.action),
    {
      zh: refusal.zh,
    },
  );
}
