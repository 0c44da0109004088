import { createHash } from 'node:crypto';
import { streamingGuard } from '../mapping/duplicate-keys';
import {
  type ChangeFilter,
  fullFilter,
  type IncrementalFilter,
  incrementalFilter,
  snapshotFilter,
} from './change-filter';
import { type Checkpoint, loadCheckpoint, type RunState } from './checkpoint';
import { guardedMapper } from './duplicate-mapper';
import { SyncError } from './errors';
import { recordHeldDeletes } from './held-deletes';
import { runPipeline } from './pipeline';
import { runToResume } from './resume';
import { type RunFiles, runFilesOf } from './run-files';
import { openRunLogs, rejectedRows } from './run-logs';
import { RunRecorder } from './run-recorder';
import { LocalRefusals, reportRun } from './run-report';
import { checkpointOf, completeRun, runStateOf } from './run-state';
import { refuseOtherShard, shardMapper } from './shard';
import { SnapshotState } from './snapshot-state';
import { type RunSettings, runSettingsOf, type SyncOptions, type SyncResult } from './sync-options';
import { progressReporter } from './sync-progress';
import type { RowMapper, SourceItem } from './types';

export type { SyncMapping, SyncOptions, SyncResult } from './sync-options';

/** Pushes a source through a mapping into one resource of the exchange; see the Sync section of the SDK README. */
export async function sync(options: SyncOptions): Promise<SyncResult> {
  const started = Date.now();
  const settings = runSettingsOf(options);
  const { previous, resumed } = await runToContinue(options, settings);
  const files = await runFilesOf(options, settings.mode, previous, resumed);
  const run = runStateOf(settings, resumed, options.input, files.rejects);
  const checkpoint = checkpointOf(settings, previous, run, files, options.watermark);
  const logs = await openRunLogs(files, previous ? previous.receipts.bytes : 0, run, resumed !== undefined);
  const skippedRejects =
    resumed && files.rejects && settings.mode === 'snapshot' ? await rejectedRows(files.rejects) : undefined;
  const changes = await changeFilterOf(options, settings, files, checkpoint, resumed);
  const progress = progressReporter(options, started, run.counts, run.position);
  const refusals = await LocalRefusals.of(resumed ? files.rejects : undefined);
  const duplicates = duplicateMapper(options, settings);
  const recorder = new RunRecorder({
    checkpointPath: files.checkpoint,
    checkpoint,
    run,
    logs,
    incremental: changes.incremental,
    progress,
    intervalMs: options.checkpointIntervalMs ?? 250,
  });
  // A fresh run starts from a checkpoint that already names it, so a crash before the first batch is resumable.
  if (files.checkpoint && !resumed) await recorder.persist();

  let result: Awaited<ReturnType<typeof runPipeline>>;
  try {
    result = await runPipeline({
      resource: settings.resource,
      source: options.rows ?? numbered(options.source!),
      map: duplicates.map,
      filter: changes.filter,
      batchSize: settings.batchSize,
      concurrency: settings.concurrency,
      generation: checkpoint.generation,
      skip: run.position,
      skippedRejects,
      firstBatch: run.nextBatch,
      deletesCommitted: run.deletesCommitted,
      counts: run.counts,
      push: options.push,
      commit: refusals.counting(recorder.commit),
      allowDeletesWithRejects: options.allowDeletesWithRejects,
      allowEmptySnapshot: options.allowEmptySnapshot,
      allowMassDelete: options.allowMassDelete,
      keylessElsewhere: settings.shard !== undefined && settings.shard.index !== 1,
      stop: options.stop,
      onRead: (read, inFlight) => progress.read(read, inFlight),
    });
  } catch (error) {
    await recorder.persist().catch(() => {});
    await recorder.close();
    throw error;
  }

  let held: Pick<SyncResult, 'heldDeletes' | 'deletesWithheld'> = {};
  if (result.completed) {
    if (changes.snapshot && files.state) await changes.snapshot.save(files.state);
    held = await recordHeldDeletes(result.heldDeletes, files.heldDeletes);
    completeRun(checkpoint, run, changes.incremental, options.watermark);
  }
  await recorder.persist();
  await recorder.close();
  progress.done(result.counts, result.position);
  const reported = await reportRun(options.report, settings, { ...run, counts: result.counts, refusals });
  return {
    ...result.counts,
    durationMs: Date.now() - started,
    completed: result.completed,
    resumed: resumed !== undefined,
    ...(settings.shard ? { shard: settings.shard } : {}),
    duplicateScan: duplicates.duplicateScan,
    ...(files.checkpoint ? { checkpoint: files.checkpoint, receipts: files.receipts } : {}),
    ...(files.rejects ? { rejectsFile: files.rejects } : {}),
    ...held,
    ...(reported ? { report: reported } : {}),
  };
}

/**
 * The mapper under the duplicate guard: the given (pre-scanned) one, else a streaming one; none without a key. A
 * sharded run's rows of other shards pass the guard untouched.
 */
function duplicateMapper(
  options: SyncOptions,
  settings: RunSettings,
): Pick<SyncResult, 'duplicateScan'> & { map: RowMapper } {
  const { key } = options.mapping;
  const map = settings.shard ? shardMapper(options.mapping.map, settings.shard, key) : options.mapping.map;
  const guard = options.duplicateGuard ?? (key.length > 0 ? streamingGuard(key) : undefined);
  if (!guard) return { map, duplicateScan: 'none' };
  return { map: guardedMapper(map, guard, key), duplicateScan: guard.scan };
}

/** The checkpoint of earlier runs, and the interrupted run this sync continues (see ResumeMode), if any. */
async function runToContinue(
  options: SyncOptions,
  settings: RunSettings,
): Promise<{ previous: Checkpoint | undefined; resumed: RunState | undefined }> {
  const checkpointPath = options.checkpoint;
  const previous = checkpointPath ? await loadCheckpoint(checkpointPath) : undefined;
  if (previous && previous.resource !== settings.resource) {
    throw new SyncError(
      'sync.checkpoint_mismatch',
      `Checkpoint ${checkpointPath} belongs to resource ${previous.resource}, not ${settings.resource}.`,
      `检查点 ${checkpointPath} 属于资源 ${previous.resource}，而非 ${settings.resource}。`,
    );
  }
  if (previous && checkpointPath) refuseOtherShard(checkpointPath, previous.shard, settings.shard);
  const resumed = runToResume({
    resume: options.resume,
    checkpointPath,
    previous,
    mode: settings.mode,
    digest: settings.digest,
    batchSize: settings.batchSize,
    input: options.input,
  });
  return { previous, resumed };
}

/** How the mode picks the rows to send; snapshot mode loads the state of the last completed run. */
async function changeFilterOf(
  options: SyncOptions,
  settings: RunSettings,
  files: RunFiles,
  checkpoint: Checkpoint,
  resumed: RunState | undefined,
): Promise<{ filter: ChangeFilter; incremental?: IncrementalFilter; snapshot?: SnapshotState }> {
  if (settings.mode === 'snapshot') {
    const snapshot = await SnapshotState.load(files.state!, settings.resource);
    // Deletes stay among this shard's keys, whatever state file was given.
    if (settings.shard) snapshot.keepShard(settings.shard);
    return { filter: snapshotFilter(snapshot, options.mapping.key), snapshot };
  }
  if (settings.mode === 'incremental') {
    const incremental = incrementalFilter(
      options.watermark!,
      checkpoint.watermark?.value,
      resumed?.pendingWatermark,
    );
    return { filter: incremental, incremental };
  }
  return { filter: fullFilter() };
}

/** Numbers plain records 1, 2, 3… and gives the mapping text, as a file would (null → absent). */
async function* numbered(source: AsyncIterable<Record<string, unknown>>): AsyncIterable<SourceItem> {
  let row = 0;
  for await (const record of source) {
    row += 1;
    const values: Record<string, string> = {};
    for (const [column, value] of Object.entries(record)) {
      if (value === null || value === undefined) continue;
      values[column] = value instanceof Date ? value.toISOString() : String(value);
    }
    yield { row, values };
  }
}

/** sha256 of a mapping's text, for the checkpoint's `mapping` field. */
export function mappingDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
