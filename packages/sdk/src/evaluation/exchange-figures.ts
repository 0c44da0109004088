import type { LocalizedText } from '../catalog/types';
import type { ExchangeClient } from '../client/create-client';
import { ExchangeHttpError } from '../client/errors';
import type { ConflictPair, Quality } from '../generated';
import type { ExchangeFigures } from './types';

/** A department to collect figures for: its key (as the caller names it) and its catalogue's resource codes. */
export interface DepartmentResources {
  key: string;
  resourceCodes: readonly string[];
}

export interface CollectedExchangeFigures {
  /** Department key → figures. */
  figures: Map<string, ExchangeFigures>;
  /** What could not be measured for every department, and why (shown under the scores). */
  notes: LocalizedText[];
}

export interface CollectOptions {
  /** "Now", for the age of pending share requests. Default: the current time. */
  now?: Date;
  /** Quality requests in flight at once. Default 4. */
  concurrency?: number;
}

const HOUR = 3_600_000;

/** 404: not (yet) on the exchange; 403: not the caller's to read. Either way the resource has no figures. */
async function qualityOf(client: ExchangeClient, code: string): Promise<Quality | undefined> {
  try {
    return (await client.quality.get(code)).data;
  } catch (error) {
    if (error instanceof ExchangeHttpError && (error.status === 404 || error.status === 403))
      return undefined;
    throw error;
  }
}

async function qualities(
  client: ExchangeClient,
  codes: readonly string[],
  concurrency: number,
): Promise<Map<string, Quality>> {
  const found = new Map<string, Quality>();
  let next = 0;
  const worker = async () => {
    while (next < codes.length) {
      const code = codes[next++]!;
      const quality = await qualityOf(client, code);
      if (quality) found.set(code, quality);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, codes.length)) }, worker));
  return found;
}

/**
 * Hours each share request took, by resource: decided − created, or now − created while it is pending (a request
 * left waiting is at least that slow). Only the requests the caller is the provider of are listed.
 */
async function turnaroundsByResource(client: ExchangeClient, now: Date): Promise<Map<string, number[]>> {
  const hours = new Map<string, number[]>();
  for await (const request of client.shareRequests.list({ role: 'provider' })) {
    const end = request.decidedAt ? Date.parse(request.decidedAt) : now.getTime();
    const list = hours.get(request.resource) ?? [];
    list.push(Math.max(0, end - Date.parse(request.createdAt)) / HOUR);
    hours.set(request.resource, list);
  }
  return hours;
}

/**
 * Subjects in conflict, by resource: each element's count goes to both resources of the pair, except that when
 * one of them is the element's authoritative source only the other is charged. Undefined when the exchange does
 * not offer the figures (an older exchange: 404) or not to this caller (403).
 */
async function conflictsByResource(client: ExchangeClient): Promise<Map<string, number> | undefined> {
  let pairs: ConflictPair[];
  try {
    pairs = (await client.request('getQualityConflicts', { query: { examples: 0 } })).data.pairs;
  } catch (error) {
    if (error instanceof ExchangeHttpError && (error.status === 404 || error.status === 403))
      return undefined;
    throw error;
  }
  const counts = new Map<string, number>();
  const charge = (code: string, n: number) => counts.set(code, (counts.get(code) ?? 0) + n);
  for (const pair of pairs) {
    for (const element of pair.conflicts) {
      if (element.count === 0) continue;
      const authority = element.authoritative?.code;
      if (authority !== pair.left.code) charge(pair.left.code, element.count);
      if (authority !== pair.right.code) charge(pair.right.code, element.count);
    }
  }
  return counts;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rows behind a resource's reject rate: the rows its runs read, or its records where no run was reported. */
const rowsOf = (quality: Quality) => Math.max(quality.rowsRead, quality.records);

function departmentFigures(
  codes: readonly string[],
  found: Map<string, Quality>,
  turnarounds: Map<string, number[]>,
  conflicts: Map<string, number> | undefined,
): ExchangeFigures {
  const held = codes.map((code) => found.get(code)).filter((q): q is Quality => q !== undefined);
  const rows = held.reduce((n, q) => n + rowsOf(q), 0);
  const rejected = held.reduce((n, q) => n + q.rowRejectRate * rowsOf(q), 0);
  const hours = codes.flatMap((code) => turnarounds.get(code) ?? []);
  return {
    resources: held.length,
    staleResources: held.filter((q) => q.stale).length,
    records: held.reduce((n, q) => n + q.records, 0),
    rowRejectRate: rows > 0 ? rejected / rows : null,
    shareRequests: hours.length,
    medianTurnaroundHours: median(hours),
    conflicts: conflicts ? codes.reduce((n, code) => n + (conflicts.get(code) ?? 0), 0) : null,
  };
}

/**
 * Asks the exchange, as the configured client, for each department's quality figures (per resource: stale,
 * rowRejectRate), share-request turnaround (requests to the caller's own resources) and conflicts between sources.
 * What the client may not read is left out rather than guessed: a resource it cannot read has no figures.
 */
export async function collectExchangeFigures(
  client: ExchangeClient,
  departments: readonly DepartmentResources[],
  options: CollectOptions = {},
): Promise<CollectedExchangeFigures> {
  const codes = [...new Set(departments.flatMap((d) => d.resourceCodes))];
  const [found, turnarounds, conflicts] = await Promise.all([
    qualities(client, codes, options.concurrency ?? 4),
    turnaroundsByResource(client, options.now ?? new Date()),
    conflictsByResource(client),
  ]);
  const notes: LocalizedText[] = [
    {
      zh: '共享申请答复时间只含当前客户端所属部门作为提供方的申请。',
      en: "Share-request turnaround counts only the requests to the current client's own department.",
    },
  ];
  if (!conflicts)
    notes.push({
      zh: '交换平台未向当前客户端提供多源冲突数据（GET /v1/quality/conflicts），该项未计入。',
      en: 'The exchange gives this client no conflicts figure (GET /v1/quality/conflicts): not counted.',
    });
  const figures = new Map<string, ExchangeFigures>();
  for (const department of departments)
    figures.set(department.key, departmentFigures(department.resourceCodes, found, turnarounds, conflicts));
  return { figures, notes };
}
