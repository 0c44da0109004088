import { randomUUID } from 'node:crypto';
import { compareWatermarks, type IncrementalFilter } from './change-filter';
import {
  CHECKPOINT_VERSION,
  type Checkpoint,
  emptyCounts,
  type InputIdentity,
  type RunState,
} from './checkpoint';
import type { RunFiles } from './run-files';
import type { RunSettings } from './sync-options';

/** The run this sync makes: the interrupted run it continues (`resumed`), or a new one. */
export function runStateOf(
  settings: RunSettings,
  resumed: RunState | undefined,
  input: InputIdentity | undefined,
  rejectsFile: string | undefined,
): RunState {
  const run: RunState = resumed
    ? { ...resumed, counts: { ...emptyCounts(), ...resumed.counts } }
    : {
        id: randomUUID(),
        startedAt: new Date().toISOString(),
        completed: false,
        batchSize: settings.batchSize,
        position: 0,
        nextBatch: 0,
        deletesCommitted: 0,
        counts: emptyCounts(),
        ...(input ? { input } : {}),
      };
  if (rejectsFile) run.rejects = { file: rejectsFile, bytes: resumed ? (resumed.rejects?.bytes ?? 0) : 0 };
  return run;
}

/** The checkpoint this run rewrites as it goes: the previous one's generation and watermark, this run. */
export function checkpointOf(
  settings: RunSettings,
  previous: Checkpoint | undefined,
  run: RunState,
  files: RunFiles,
  watermarkField: string | undefined,
): Checkpoint {
  return {
    version: CHECKPOINT_VERSION,
    resource: settings.resource,
    mode: settings.mode,
    mapping: settings.digest,
    generation: previous?.generation ?? firstGeneration(run, files),
    ...(previous?.watermark && previous.watermark.field === watermarkField
      ? { watermark: previous.watermark }
      : {}),
    receipts: { file: files.receipts ?? '', bytes: previous?.receipts.bytes ?? 0 },
    ...(settings.shard ? { shard: settings.shard } : {}),
    run,
  };
}

/**
 * The generation of a new checkpoint: "0-" and its first run's id. A fixed one would give the first run of every
 * new checkpoint (another mode's, or one started afresh after deleting it) the keys of an earlier first run, and
 * the exchange would replay that run's old answer for a batch of the same content instead of applying it. The
 * checkpoint is written before the first batch, so a resume still finds it. Without a checkpoint it stays "0":
 * a re-run after a crash then replays.
 */
function firstGeneration(run: RunState, files: RunFiles): string {
  return files.checkpoint ? `0-${run.id}` : '0';
}

/**
 * Marks the run complete: it becomes the generation the next run's Idempotency-Keys build on, and in
 * incremental mode the watermark moves up to the highest one accepted.
 */
export function completeRun(
  checkpoint: Checkpoint,
  run: RunState,
  incremental: IncrementalFilter | undefined,
  watermarkField: string | undefined,
): void {
  run.completed = true;
  run.completedAt = new Date().toISOString();
  checkpoint.generation = run.id;
  if (!incremental || !watermarkField) return;
  const high = incremental.high;
  const old = checkpoint.watermark?.value;
  if (high !== undefined && (old === undefined || compareWatermarks(high, old) > 0)) {
    checkpoint.watermark = { field: watermarkField, value: high };
  }
}
