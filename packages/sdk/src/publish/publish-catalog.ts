import type { Diagnostic, LintConfig, LintSummary } from '../catalog/types';
import type { ExchangeClient } from '../client/create-client';
import { ExchangeHttpError } from '../client/errors/ExchangeHttpError';
import type { Resource } from '../client/resources/catalog';
import type { CatalogEntry } from '../generated';
import { openWorkspace } from '../workspace/open-workspace';
import { PublishError } from './errors';
import { diffFields, type FieldChange } from './field-diff';
import { type LocalEntries, localEntries, noEntriesOfCaller } from './local-entries';
import {
  type LocalEntry,
  type Plan,
  type PlanItem,
  planPublish,
  type RemoteEntry,
  type Transition,
} from './plan';

export interface PublishOptions {
  /** The catalogue directory (its entries, recursively, found as `unsilo lint` finds them). */
  dir: string;
  client: ExchangeClient;
  /** Plan only; change nothing on the exchange. */
  dryRun?: boolean;
  /**
   * Withdraw this provider's resources that have no file in `dir` — permanently: a withdrawn code can never be
   * filed again. Without it they are kept and listed in the plan as `orphan`.
   */
  prune?: boolean;
  /**
   * Asked, before anything changes, when the plan withdraws resources; `false` stops the run with
   * `publish.withdrawals_not_confirmed` and nothing changed. Without it, `prune: true` is the confirmation.
   */
  confirmWithdrawals?: (withdrawals: WithdrawalItem[]) => boolean | Promise<boolean>;
  /** The `lint:` settings of `unsilo.config.yaml`. */
  lint?: LintConfig;
  /** Reason sent with a withdrawal. */
  withdrawReason?: string;
  onStep?: (step: PublishStep) => void;
}

export type WithdrawalItem = Extract<PlanItem, { action: 'withdraw' }>;

export interface PublishStep {
  code: string;
  action: PlanItem['action'] | Transition | 'withdraw';
  status: 'done' | 'failed' | 'skipped';
  detail?: string;
}

/** A resource changed on the exchange since the plan read it: nothing was overwritten. */
export interface PublishConflict {
  code: string;
  file: string;
  /** The entity tag the plan was based on, and the exchange's current one. */
  expectedEtag: string;
  currentEtag?: string;
  currentStatus?: string;
  /** How the exchange's current version differs from the workspace file. */
  changes: FieldChange[];
  message: string;
  zh: string;
}

export interface PublishFailure {
  code: string;
  step: string;
  error: string;
  problemCode?: string;
}

export interface PublishResult {
  dryRun: boolean;
  provider: { id: string; name: string; code: string };
  lint: LintSummary;
  /** Warnings and infos of the lint (errors stop the publish). */
  diagnostics: Diagnostic[];
  plan: Plan;
  /** Resources now on the exchange, by code, with their final status (apply only). */
  applied: Array<{ code: string; status: string; etag?: string }>;
  /** Life-cycle steps left to a department with the authority role (大数据局). */
  awaitingAuthority: string[];
  conflicts: PublishConflict[];
  failures: PublishFailure[];
  skippedFiles: LocalEntries['skippedFiles'];
}

/**
 * `unsilo publish`: lint the catalogue directory (errors stop here; so does a directory without one entry of
 * the caller), plan against the exchange (created, changed with a field diff, unchanged; a resource without a
 * file kept, or withdrawn with `prune` once confirmed), then apply with If-Match so a concurrent change is a
 * conflict rather than an overwrite, and carry each resource through submit → register → publish.
 * Running it again after a successful run plans nothing.
 */
export async function publishCatalog(options: PublishOptions): Promise<PublishResult> {
  const { client } = options;
  // Linted and read in one parse; the entries are kept for the plan.
  const { workspace, files } = await openWorkspace(options.dir, {
    config: options.lint ?? {},
    retainEntries: true,
  });
  const lint = workspace.lint();
  const errors = lint.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new PublishError(
      'publish.lint_failed',
      `The catalogue has ${errors.length} lint error(s); nothing was sent to the exchange.`,
      `目录存在 ${errors.length} 个校验错误，未向交换平台提交任何内容。`,
      errors,
    );
  }

  const me = (await client.request('getMe')).data;
  const { local, skippedFiles, others } = localEntries(
    files.entries,
    (path) => workspace.entry(path),
    me.code,
  );
  if (local.length === 0) throw noEntriesOfCaller(options.dir, me, others);

  const remote: RemoteEntry[] = [];
  const localCodes = new Set(local.map((l) => l.code));
  for await (const item of client.catalog.list({ provider: me.code, limit: 1000 })) {
    const resource: RemoteEntry = { code: item.code, name: item.name, status: item.status, etag: item.etag };
    if (localCodes.has(item.code) && item.status !== 'withdrawn') {
      const full = await client.catalog.get(item.code);
      const body = full.data;
      resource.entry = body.entry;
      resource.etag = full.etag ?? body.etag;
      resource.status = body.status;
    }
    remote.push(resource);
  }
  const plan = planPublish(local, remote, { prune: options.prune === true });
  const result: PublishResult = {
    dryRun: options.dryRun === true,
    provider: { id: me.id, name: me.name, code: me.code },
    lint: lint.summary,
    diagnostics: lint.diagnostics,
    plan,
    applied: [],
    awaitingAuthority: [],
    conflicts: [],
    failures: [],
    skippedFiles,
  };
  if (options.dryRun || plan.empty) return result;
  await confirmWithdrawals(options, plan);

  const entries = new Map(local.map((l) => [l.code, l]));
  for (const item of plan.items) {
    if (item.action === 'blocked') continue;
    if (item.action === 'unchanged' && item.transitions.length === 0) continue;
    try {
      await applyItem(options, item, entries.get(item.code), result);
    } catch (error) {
      if (error instanceof ExchangeHttpError && error.status === 412) {
        result.conflicts.push(await describeConflict(client, item, entries.get(item.code)));
        options.onStep?.({ code: item.code, action: item.action, status: 'failed', detail: 'conflict' });
        continue;
      }
      result.failures.push({
        code: item.code,
        step: item.action,
        error: error instanceof Error ? error.message : String(error),
        ...(error instanceof ExchangeHttpError ? { problemCode: error.code } : {}),
      });
      options.onStep?.({ code: item.code, action: item.action, status: 'failed' });
    }
  }
  return result;
}

/** Withdrawals are permanent: they wait for the caller's confirmation, before anything else changes. */
async function confirmWithdrawals(options: PublishOptions, plan: Plan): Promise<void> {
  const withdrawals = plan.items.filter((item): item is WithdrawalItem => item.action === 'withdraw');
  if (withdrawals.length === 0 || !options.confirmWithdrawals) return;
  if (await options.confirmWithdrawals(withdrawals)) return;
  throw new PublishError(
    'publish.withdrawals_not_confirmed',
    `The withdrawal of ${withdrawals.length} resource(s) was not confirmed; nothing was changed on the exchange.`,
    `未确认撤销 ${withdrawals.length} 个资源，交换平台上未做任何修改。`,
  );
}

async function applyItem(
  options: PublishOptions,
  item: PlanItem,
  local: LocalEntry | undefined,
  result: PublishResult,
): Promise<void> {
  const { client } = options;
  let etag: string;
  let status: string;
  // A planned entry passed the lint, whose schema/contract rule is the contract's CatalogEntry schema.
  if (item.action === 'create') {
    const created = await client.catalog.create(local!.entry as CatalogEntry);
    const body = created.data;
    etag = created.etag ?? body.etag;
    status = body.status;
    options.onStep?.({ code: item.code, action: 'create', status: 'done' });
  } else if (item.action === 'change') {
    const updated = await client.catalog.update(item.code, local!.entry as CatalogEntry, {
      ifMatch: item.etag,
    });
    const body = updated.data;
    etag = updated.etag ?? body.etag;
    status = body.status;
    options.onStep?.({ code: item.code, action: 'change', status: 'done' });
  } else if (item.action === 'withdraw') {
    const reason =
      options.withdrawReason ??
      '目录文件已从部门工作区删除 / The catalogue file was removed from the department workspace';
    const withdrawn = await client.catalog.withdraw(item.code, { reason }, { ifMatch: item.etag });
    const body = withdrawn.data;
    result.applied.push({ code: item.code, status: body.status, etag: withdrawn.etag ?? body.etag });
    options.onStep?.({ code: item.code, action: 'withdraw', status: 'done' });
    return;
  } else if (item.action === 'unchanged') {
    etag = item.etag;
    status = item.status;
  } else {
    return;
  }

  for (const transition of item.transitions) {
    try {
      const next = await client.catalog[transition](item.code, { ifMatch: etag });
      const body = next.data;
      etag = next.etag ?? body.etag;
      status = body.status;
      options.onStep?.({ code: item.code, action: transition, status: 'done' });
    } catch (error) {
      // Registering and publishing belong to the authority (大数据局) unless the exchange lets providers
      // approve themselves: a refusal there leaves the entry submitted, which is the provider's part done.
      if (
        transition !== 'submit' &&
        error instanceof ExchangeHttpError &&
        (error.status === 403 || error.code.startsWith('access.'))
      ) {
        result.awaitingAuthority.push(item.code);
        options.onStep?.({
          code: item.code,
          action: transition,
          status: 'skipped',
          detail: 'awaiting authority',
        });
        break;
      }
      throw error;
    }
  }
  result.applied.push({ code: item.code, status, etag });
}

async function describeConflict(
  client: ExchangeClient,
  item: PlanItem,
  local: LocalEntry | undefined,
): Promise<PublishConflict> {
  const expectedEtag = 'etag' in item ? item.etag : '';
  let current: Resource | undefined;
  let currentEtag: string | undefined;
  try {
    const response = await client.catalog.get(item.code);
    current = response.data;
    currentEtag = response.etag ?? current.etag;
  } catch {
    current = undefined;
  }
  const changes = current && local ? diffFields(current.entry, local.entry) : [];
  const file = local?.file ?? '';
  return {
    code: item.code,
    file,
    expectedEtag,
    ...(currentEtag ? { currentEtag } : {}),
    ...(current ? { currentStatus: current.status } : {}),
    changes,
    message: `Resource ${item.code} changed on the exchange after the plan read it (expected ETag ${expectedEtag}, now ${currentEtag ?? 'unknown'}): not overwritten. Compare ${file || 'the workspace'} with the exchange's version and run publish again.`,
    zh: `资源 ${item.code} 在读取计划后已被他人修改（预期 ETag ${expectedEtag}，当前 ${currentEtag ?? '未知'}），未覆盖。请比对 ${file || '工作区'} 与交换平台上的版本后重新发布。`,
  };
}
