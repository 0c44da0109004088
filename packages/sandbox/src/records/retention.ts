import { createHmac, randomUUID } from 'node:crypto';
import type { Compaction, ErasedResource, Erasure } from '@unsilo/sdk/schemas';
import type { CatalogViewer } from '../catalog/resource-store';
import type { ResourceStore, RetentionStore } from '../storage/ports';

const dayMs = 24 * 3600 * 1000;

/** Compacts the feed to the retention window ending now: what goes is older than `now - days`. */
export async function compactToWindow(
  retention: RetentionStore,
  days: number,
  now: number,
): Promise<Compaction> {
  const before = new Date(now - days * dayMs).toISOString();
  return { retentionDays: days, before, versions: await retention.compact(before) };
}

/**
 * Compacts at start and then every `everyMs` while the exchange runs (several instances may each do it: removing
 * a removed version is nothing). A failure is logged, never thrown: the next round tries again.
 */
export function scheduleCompaction(
  run: () => Promise<Compaction>,
  everyMs: number,
  log: (message: string) => void,
): () => void {
  let running: Promise<unknown> | undefined;
  const round = () => {
    if (running) return;
    running = run()
      .catch((error: unknown) => log(`compaction failed: ${(error as Error).message}`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(round, everyMs).unref();
  setImmediate(round);
  return () => clearInterval(timer);
}

/**
 * The subject as the audit log records it: HMAC-SHA256 with a key derived from the sealing key, so that the log
 * can later confirm which subject was erased without keeping it (a plain hash of an ID number is easily reversed).
 */
export function subjectDigest(subject: string, sealingKey: Buffer): string {
  const key = createHmac('sha256', sealingKey).update('unsilo erasure subject').digest();
  return createHmac('sha256', key).update(subject, 'utf8').digest('hex');
}

/** Every resource code of the exchange, in code order (what an erasure without `resources` looks through). */
export async function allResourceCodes(resources: ResourceStore, viewer: CatalogViewer): Promise<string[]> {
  const codes: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = await resources.list({ limit: 1000, after }, viewer);
    for (const resource of page) codes.push(resource.code);
    if (page.length < 1000) return codes;
    after = page.at(-1)!.code;
  }
}

export interface ErasureOrder {
  subject: string;
  codes: string[];
  dryRun: boolean;
  at: string;
  digest: string;
}

/** Erases (or, dry, looks up) the subject in each resource, one transaction per resource. */
export async function eraseInResources(retention: RetentionStore, order: ErasureOrder): Promise<Erasure> {
  const tombstone = { batchId: `erasure:${randomUUID()}`, at: order.at };
  const found: ErasedResource[] = [];
  for (const code of order.codes) {
    const held = order.dryRun
      ? await retention.holdings(code, order.subject)
      : await retention.erase(code, order.subject, tombstone);
    if (held.records > 0 || held.versions > 0) found.push({ resource: code, ...held });
  }
  return {
    dryRun: order.dryRun,
    subjectDigest: order.digest,
    at: order.at,
    resources: found,
    records: found.reduce((sum, r) => sum + r.records, 0),
    versions: found.reduce((sum, r) => sum + r.versions, 0),
  };
}
