import type { SyncOptions } from './sync-options';
import type { SyncCounts, SyncProgress } from './types';

/** What the pipeline tells the progress callback, throttled to one event per 200 ms (the last one always). */
export interface ProgressReporter {
  read(read: number, inFlight: number): void;
  committed(counts: SyncCounts, position: number): void;
  done(counts: SyncCounts, position: number): void;
}

/** Progress events for `options.onProgress`: counts, rate and, given `options.total`, an ETA. */
export function progressReporter(
  options: Pick<SyncOptions, 'onProgress' | 'total' | 'stop'>,
  started: number,
  initial: SyncCounts,
  position: number,
): ProgressReporter {
  let counts = { ...initial };
  let read = initial.read;
  let committed = position;
  let inFlight = 0;
  let last = 0;
  const baseRead = initial.read;
  const emit = (phase: SyncProgress['phase'], force: boolean) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - last < 200) return;
    last = now;
    const elapsedMs = now - started;
    const rowsPerSecond = elapsedMs > 0 ? ((read - baseRead) * 1000) / elapsedMs : 0;
    const event: SyncProgress = {
      phase,
      read,
      committed,
      accepted: counts.accepted,
      rejected: counts.rejected,
      unchanged: counts.unchanged,
      replaced: counts.replaced,
      outOfShard: counts.outOfShard,
      deleted: counts.deleted,
      batches: counts.batches,
      retries: counts.retries,
      inFlight,
      elapsedMs,
      rowsPerSecond: Math.round(rowsPerSecond),
    };
    if (options.total !== undefined) {
      event.total = options.total;
      if (rowsPerSecond > 0)
        event.etaMs = Math.max(0, Math.round(((options.total - read) / rowsPerSecond) * 1000));
    }
    options.onProgress(event);
  };
  return {
    read(n: number, flying: number) {
      read = n;
      inFlight = flying;
      emit(options.stop?.aborted ? 'stopping' : 'sync', false);
    },
    committed(next: SyncCounts, at: number) {
      counts = next;
      committed = at;
      emit(options.stop?.aborted ? 'stopping' : 'sync', false);
    },
    done(final: SyncCounts, at: number) {
      counts = final;
      read = final.read;
      committed = at;
      inFlight = 0;
      emit('done', true);
    },
  };
}
