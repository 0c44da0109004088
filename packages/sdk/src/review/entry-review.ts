import { lintEntry } from '../catalog/engine';
import type { Resource } from '../client/resources/catalog';
import type { Finding } from '../findings/finding';
import { toProblemDetailItem } from '../findings/problem-detail';
import { diffFields, type FieldChange } from '../publish/field-diff';

/**
 * What the working version is compared with: `changed` — it is a change to a published entry, `changes` holds
 * the difference from the version in force; `in-force` — it is itself the version in force (published);
 * `none` — no other version is in force (a first review, or a withdrawn entry).
 */
export type ReviewBaseline = 'none' | 'changed' | 'in-force';

/** What the authority (大数据局) looks at before registering or publishing an entry. */
export interface EntryReview {
  code: string;
  status: Resource['status'];
  name: string;
  provider: { name: string; code: string };
  baseline: ReviewBaseline;
  /** The version in force's publication time, for a changed entry. */
  publishedAt?: string;
  /** The catalogue rules' findings on the working version (the same rules as `unsilo lint`). */
  findings: Finding[];
  /** Field by field, the version in force → the working version; empty unless `baseline` is `changed`. */
  changes: FieldChange[];
}

/**
 * The review of a resource as `getResource` answers it to the authority: the working entry, and — for a change
 * to a published entry still under review — the version in force beside it (`published`).
 */
export function reviewEntry(resource: Resource): EntryReview {
  const { entry } = resource;
  const findings = lintEntry(`${resource.code}.json`, entry).diagnostics.map(toProblemDetailItem);
  const baseline: ReviewBaseline = resource.published
    ? 'changed'
    : resource.status === 'published'
      ? 'in-force'
      : 'none';
  return {
    code: resource.code,
    status: resource.status,
    name: entry.name,
    provider: { name: entry.provider.name, code: entry.provider.code },
    baseline,
    ...(resource.published ? { publishedAt: resource.published.publishedAt } : {}),
    findings,
    changes: resource.published ? diffFields(resource.published.entry, entry) : [],
  };
}
