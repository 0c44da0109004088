import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Schema } from '../generated';
import type { SyncMode } from './checkpoint';
import type { PipelineBatch, RejectEntry } from './pipeline';
import type { SyncCounts } from './types';

/** What a run tells the exchange at its end (`POST …/sync-runs`): the rows it read, and refused unsent. */
export type SyncRunReport = Schema<'SyncRunReport'>;

/** Sends a run's report; throws when it could not (sync keeps the run's result and says so). */
export type ReportRun = (resource: string, report: SyncRunReport) => Promise<void>;

/** Whether the exchange got the run's report; a failure to report never fails the sync. */
export type RunReported = { reported: true } | { reported: false; reason: string };

/** What `createRunReporter` needs of an exchange client: the typed client fits. */
export interface RunReportClient {
  quality: { reportSyncRun(code: string, report: SyncRunReport): Promise<unknown> };
}

/** A reporter over the typed exchange client (`reportSyncRun`). */
export function createRunReporter(client: RunReportClient): ReportRun {
  return async (resource, report) => {
    await client.quality.reportSyncRun(resource, report);
  };
}

/**
 * The rows of a run refused on this side, before sending (mapping, code sets, duplicate keys, unreadable lines),
 * by reason: a row refused for several reasons counts once under each of its rules.
 */
export class LocalRefusals {
  total = 0;
  readonly byReason: Record<string, number> = Object.create(null);

  add(rejects: readonly Pick<RejectEntry, 'stage' | 'errors'>[]): void {
    for (const entry of rejects) {
      if (entry.stage !== 'client') continue;
      this.total += 1;
      for (const rule of new Set(entry.errors.map((error) => error.rule))) {
        this.byReason[rule] = (this.byReason[rule] ?? 0) + 1;
      }
    }
  }

  /** The pipeline's commit, counting each batch's local refusals first. */
  counting<A extends unknown[]>(
    commit: (batch: PipelineBatch, ...rest: A) => Promise<void>,
  ): (batch: PipelineBatch, ...rest: A) => Promise<void> {
    return (batch, ...rest) => {
      this.add(batch.rejects);
      return commit(batch, ...rest);
    };
  }

  /** A run's tally: empty, or for a resumed run its earlier refusals, read from its rejects file. */
  static async of(resumedRejectsFile: string | undefined): Promise<LocalRefusals> {
    const refusals = new LocalRefusals();
    if (resumedRejectsFile) await refusals.addFromFile(resumedRejectsFile);
    return refusals;
  }

  /** Refusals from a rejects file (cut back to the checkpoint when the run resumed, so counted once). */
  async addFromFile(path: string): Promise<void> {
    const lines = createInterface({
      input: createReadStream(path, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    try {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const entry = JSON.parse(line) as Pick<RejectEntry, 'stage' | 'errors'>;
        if (entry.stage === 'client' && Array.isArray(entry.errors)) this.add([entry]);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** The report of a completed or stopped run, sent when a reporter is given; its outcome, never an exception. */
export async function reportRun(
  report: ReportRun | undefined,
  settings: { resource: string; mode: SyncMode },
  run: { id: string; startedAt: string; counts: SyncCounts; refusals: LocalRefusals },
): Promise<RunReported | undefined> {
  if (!report) return undefined;
  const { counts, refusals } = run;
  try {
    await report(settings.resource, {
      runId: run.id,
      mode: settings.mode,
      // A shard reports the rows it owns: the shards' reports add up to one unsharded run's.
      rowsRead: counts.read - counts.outOfShard,
      accepted: counts.accepted,
      refusedLocally: { total: refusals.total, byReason: refusals.byReason },
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
    });
    return { reported: true };
  } catch (error) {
    return { reported: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
