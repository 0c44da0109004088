import type { ResourceStatus } from '../generated';
import { diffFields, type FieldChange } from './field-diff';

export type Transition = 'submit' | 'register' | 'publish';

/** A catalogue file of the workspace. */
export interface LocalEntry {
  file: string;
  code: string;
  name: string;
  entry: Record<string, unknown>;
}

/** A resource of this provider as the exchange has it. */
export interface RemoteEntry {
  code: string;
  name: string;
  status: ResourceStatus;
  etag: string;
  /** The full entry (only for resources that also have a file). */
  entry?: Record<string, unknown>;
}

export type PlanItem =
  | { action: 'create'; code: string; name: string; file: string; transitions: Transition[] }
  | {
      action: 'change';
      code: string;
      name: string;
      file: string;
      status: ResourceStatus;
      etag: string;
      changes: FieldChange[];
      transitions: Transition[];
    }
  | {
      action: 'unchanged';
      code: string;
      name: string;
      file: string;
      status: ResourceStatus;
      etag: string;
      /** Life-cycle steps still due (e.g. an earlier run stopped at `submitted`). */
      transitions: Transition[];
    }
  /** A resource of this provider without a file, to withdraw: planned only with `prune`. */
  | { action: 'withdraw'; code: string; name: string; status: ResourceStatus; etag: string; transitions: [] }
  /** A resource of this provider without a file, kept as it is (without `prune`): listed so the caller sees it. */
  | { action: 'orphan'; code: string; name: string; status: ResourceStatus; etag: string; transitions: [] }
  | {
      action: 'blocked';
      code: string;
      name: string;
      file: string;
      reason: string;
      zh: string;
      transitions: [];
    };

export interface Plan {
  items: PlanItem[];
  /** Nothing to create, change, withdraw or advance: a second run after a successful one. */
  empty: boolean;
  counts: Record<PlanItem['action'], number>;
}

export interface PlanOptions {
  /**
   * Withdraw the resources of this provider that have no file. A withdrawal is permanent (a withdrawn code can
   * never be filed again), so without it such resources are only listed, as `orphan`.
   */
  prune?: boolean;
}

/** The steps from `status` to `published`. A changed entry goes back to `submitted` on the exchange. */
export function transitionsFrom(status: ResourceStatus | 'new'): Transition[] {
  switch (status) {
    case 'new':
    case 'draft':
      return ['submit', 'register', 'publish'];
    case 'submitted':
      return ['register', 'publish'];
    case 'registered':
      return ['publish'];
    default:
      return [];
  }
}

/**
 * Compares the workspace with the exchange: files without a resource are created, files whose entry differs
 * are changed (with a field diff), resources of this provider without a file are withdrawn with `prune` and
 * listed as `orphan` without it.
 */
export function planPublish(
  local: readonly LocalEntry[],
  remote: readonly RemoteEntry[],
  options: PlanOptions = {},
): Plan {
  const remoteByCode = new Map(remote.map((r) => [r.code, r]));
  const localCodes = new Set(local.map((l) => l.code));
  const items: PlanItem[] = [];
  for (const file of [...local].sort((a, b) => a.code.localeCompare(b.code))) {
    const existing = remoteByCode.get(file.code);
    if (!existing) {
      items.push({
        action: 'create',
        code: file.code,
        name: file.name,
        file: file.file,
        transitions: transitionsFrom('new'),
      });
      continue;
    }
    if (existing.status === 'withdrawn') {
      items.push({
        action: 'blocked',
        code: file.code,
        name: file.name,
        file: file.file,
        reason:
          'the resource is withdrawn on the exchange; a withdrawn code cannot be filed again — give the entry a new code',
        zh: '该资源已在交换平台撤销，不能再次提交；请为条目分配新的资源代码',
        transitions: [],
      });
      continue;
    }
    const changes = diffFields(comparable(existing.entry ?? {}), comparable(file.entry));
    const base = {
      code: file.code,
      name: file.name,
      file: file.file,
      status: existing.status,
      etag: existing.etag,
    };
    if (changes.length > 0) {
      const after = existing.status === 'draft' ? 'draft' : 'submitted';
      items.push({ action: 'change', ...base, changes, transitions: transitionsFrom(after) });
    } else {
      items.push({ action: 'unchanged', ...base, transitions: transitionsFrom(existing.status) });
    }
  }
  for (const resource of [...remote].sort((a, b) => a.code.localeCompare(b.code))) {
    if (localCodes.has(resource.code) || resource.status === 'withdrawn') continue;
    items.push({
      action: options.prune === true ? 'withdraw' : 'orphan',
      code: resource.code,
      name: resource.name,
      status: resource.status,
      etag: resource.etag,
      transitions: [],
    });
  }
  const counts = { create: 0, change: 0, unchanged: 0, withdraw: 0, orphan: 0, blocked: 0 };
  for (const item of items) counts[item.action] += 1;
  const empty =
    counts.create + counts.change + counts.withdraw === 0 &&
    items.every((item) => item.transitions.length === 0);
  return { items, empty, counts };
}

/** The entry as JSON carries it: undefined members dropped, dates as text. */
function comparable(entry: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(entry, (_key, value) =>
      value instanceof Date ? value.toISOString().slice(0, 10) : (value as unknown),
    ),
  ) as Record<string, unknown>;
}
