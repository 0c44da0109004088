import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { AppendLog } from './atomic-file';
import {
  type ChangeFilter,
  compareWatermarks,
  fullFilter,
  incrementalFilter,
  snapshotFilter,
} from './change-filter';
import {
  type Checkpoint,
  emptyCounts,
  type InputIdentity,
  loadCheckpoint,
  type RunState,
  receiptsPathFor,
  type SyncMode,
  saveCheckpoint,
} from './checkpoint';
import { SyncError } from './errors';
import { type PipelineBatch, type RejectEntry, runPipeline } from './pipeline';
import { type ResumeMode, runToResume } from './resume';
import { SnapshotState } from './snapshot-state';
import type { PushBatch, RowMapper, SourceItem, SyncCounts, SyncProgress, SyncSummary } from './types';

/** What sync needs of a mapping: the target resource, its key and the compiled row function. */
export interface SyncMapping {
  resource: string;
  key: readonly string[];
  map: RowMapper;
  /** A digest of the mapping's definition; a resume with another mapping is refused. */
  digest?: string;
}

export interface SyncOptions {
  mapping: SyncMapping;
  /** Rows as the readers give them (`{ row, values }` and malformed-line rejects)… */
  rows?: AsyncIterable<SourceItem>;
  /** …or plain records from code (a SQL cursor, an API): numbered 1, 2, 3… */
  source?: AsyncIterable<Record<string, unknown>>;
  /** Sends one batch (see `createBatchPusher`): retries, verifies the receipt, returns the outcome. */
  push: PushBatch;
  mode?: SyncMode;
  /** Incremental mode: the column (target item key or source column) holding an update time or sequence. */
  watermark?: string;
  /** The checkpoint file. Without one, a run cannot be resumed and no receipts are kept. */
  checkpoint?: string;
  /** Continue the interrupted run of the checkpoint; see ResumeMode (`true` refuses when there is none). */
  resume?: ResumeMode;
  /** Where rejected rows go (NDJSON). Default: beside the checkpoint. */
  rejects?: string;
  /** Snapshot mode: the state file. Default: beside the checkpoint. */
  state?: string;
  batchSize?: number;
  concurrency?: number;
  /** Abort to stop cleanly: batches in flight finish, the checkpoint stays valid. */
  stop?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** The expected row count, for an ETA. */
  total?: number;
  /** The input file, when there is one: a resume refuses a file that changed since the interrupted run. */
  input?: InputIdentity;
  /** How often the checkpoint is rewritten while running (ms; default 250). It is always written at the end. */
  checkpointIntervalMs?: number;
}

export interface SyncResult extends SyncSummary {
  /** False when stopped before the end of the source; resume to continue. */
  completed: boolean;
  resumed: boolean;
  checkpoint?: string;
  receipts?: string;
  rejectsFile?: string;
  /** Present when snapshot deletes were held back, with the reason. */
  deletesWithheld?: string;
}

const DEFAULT_BATCH = 1000;
const DEFAULT_CONCURRENCY = 4;

/** Pushes a source through a mapping into one resource of the exchange; see DESIGN §6. */
export async function sync(options: SyncOptions): Promise<SyncResult> {
  const started = Date.now();
  const mode = options.mode ?? 'full';
  const batchSize = positive(options.batchSize ?? DEFAULT_BATCH, 'batchSize');
  const concurrency = positive(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency');
  if (batchSize > 5000) throw usage('batchSize must be at most 5000', '批大小不能超过 5000');
  const resource = options.mapping.resource;
  if (mode === 'incremental' && !options.watermark) {
    throw usage('incremental mode needs a watermark column', '增量模式需要指定水位列（如更新时间）');
  }
  if (mode === 'snapshot' && options.mapping.key.length === 0) {
    throw usage('snapshot mode needs the mapping to declare a key', '快照模式需要映射声明主键（key）');
  }
  if ((options.rows === undefined) === (options.source === undefined)) {
    throw usage('give exactly one of rows or source', 'rows 与 source 须且只能提供一个');
  }
  const digest = options.mapping.digest ?? 'unspecified';
  const checkpointPath = options.checkpoint;
  const previous = checkpointPath ? await loadCheckpoint(checkpointPath) : undefined;
  if (previous && previous.resource !== resource) {
    throw new SyncError(
      'sync.checkpoint_mismatch',
      `Checkpoint ${checkpointPath} belongs to resource ${previous.resource}, not ${resource}.`,
      `检查点 ${checkpointPath} 属于资源 ${previous.resource}，而非 ${resource}。`,
    );
  }
  const resumable = runToResume({
    resume: options.resume,
    checkpointPath,
    previous,
    mode,
    digest,
    batchSize,
    input: options.input,
  });
  const resuming = resumable !== undefined;
  const receiptsPath = checkpointPath
    ? (previous?.receipts.file ?? receiptsPathFor(checkpointPath))
    : undefined;
  const rejectsPath =
    options.rejects ??
    (resuming ? resumable?.rejects?.file : undefined) ??
    (checkpointPath ? `${checkpointPath.replace(/\.json$/i, '')}.rejects.ndjson` : undefined);
  const statePath =
    options.state ?? (checkpointPath ? `${checkpointPath.replace(/\.json$/i, '')}.state` : undefined);
  if (mode === 'snapshot' && !statePath) {
    throw usage('snapshot mode needs a checkpoint or state file', '快照模式需要检查点或状态文件');
  }
  for (const path of [checkpointPath, receiptsPath, rejectsPath, statePath]) {
    if (path) await mkdir(dirname(path), { recursive: true });
  }

  const run: RunState = resuming
    ? { ...resumable, counts: { ...resumable.counts } }
    : {
        id: randomUUID(),
        startedAt: new Date().toISOString(),
        completed: false,
        batchSize,
        position: 0,
        nextBatch: 0,
        deletesCommitted: 0,
        counts: emptyCounts(),
        ...(options.input ? { input: options.input } : {}),
      };
  if (rejectsPath) run.rejects = { file: rejectsPath, bytes: resuming ? (resumable.rejects?.bytes ?? 0) : 0 };

  const checkpoint: Checkpoint = {
    version: 1,
    resource,
    mode,
    mapping: digest,
    generation: previous?.generation ?? '0',
    ...(previous?.watermark && previous.watermark.field === options.watermark
      ? { watermark: previous.watermark }
      : {}),
    receipts: { file: receiptsPath ?? '', bytes: previous?.receipts.bytes ?? 0 },
    run,
  };

  const receiptsLog = receiptsPath
    ? await openLog(receiptsPath, previous ? previous.receipts.bytes : 0)
    : undefined;
  const rejectsLog = rejectsPath
    ? await openLog(rejectsPath, resuming ? run.rejects?.bytes : undefined)
    : undefined;
  const skippedRejects =
    resuming && rejectsPath && mode === 'snapshot' ? await rejectedRows(rejectsPath) : undefined;

  let filter: ChangeFilter;
  let snapshot: SnapshotState | undefined;
  const incremental =
    mode === 'incremental'
      ? incrementalFilter(
          options.watermark!,
          checkpoint.watermark?.value,
          resuming ? run.pendingWatermark : undefined,
        )
      : undefined;
  if (mode === 'snapshot') {
    snapshot = await SnapshotState.load(statePath!, resource);
    filter = snapshotFilter(snapshot, options.mapping.key);
  } else {
    filter = incremental ?? fullFilter();
  }

  const progress = progressReporter(options, started, run.counts, run.position);
  const interval = options.checkpointIntervalMs ?? 250;
  let lastSave = 0;
  const persist = async () => {
    if (receiptsLog) checkpoint.receipts.bytes = await receiptsLog.sync();
    if (rejectsLog && run.rejects) run.rejects.bytes = await rejectsLog.sync();
    if (checkpointPath) await saveCheckpoint(checkpointPath, checkpoint);
    lastSave = Date.now();
  };
  // A fresh run starts from a checkpoint that already names it, so a crash before the first batch is resumable.
  if (checkpointPath && !resuming) await persist();

  const commit = async (batch: PipelineBatch, counts: SyncCounts, deletesCommitted: number) => {
    if (rejectsLog && batch.rejects.length > 0)
      await rejectsLog.append(batch.rejects.map(rejectLine).join(''));
    if (receiptsLog && batch.outcome) {
      await receiptsLog.append(
        `${JSON.stringify({
          run: run.id,
          batch: batch.index,
          rows: batch.upserts.length > 0 ? [batch.upserts[0]!.row, batch.upserts.at(-1)!.row] : null,
          idempotencyKey: batch.idempotencyKey,
          receipt: batch.outcome.receipt,
        })}\n`,
      );
    }
    run.position = batch.end;
    run.nextBatch = batch.index + 1;
    run.deletesCommitted = deletesCommitted;
    run.counts = counts;
    if (incremental?.high !== undefined) run.pendingWatermark = incremental.high;
    progress.committed(counts, batch.end);
    if (Date.now() - lastSave >= interval) await persist();
  };

  const items = options.rows ?? numbered(options.source!);
  let result: Awaited<ReturnType<typeof runPipeline>>;
  try {
    result = await runPipeline({
      resource,
      source: items,
      map: options.mapping.map,
      filter,
      batchSize,
      concurrency,
      generation: checkpoint.generation,
      skip: run.position,
      skippedRejects,
      firstBatch: run.nextBatch,
      deletesCommitted: run.deletesCommitted,
      counts: run.counts,
      push: options.push,
      commit,
      stop: options.stop,
      onRead: (read, inFlight) => progress.read(read, inFlight),
    });
  } catch (error) {
    await persist().catch(() => {});
    await closeLogs(receiptsLog, rejectsLog);
    throw error;
  }

  if (result.completed) {
    if (snapshot && statePath) await snapshot.save(statePath);
    run.completed = true;
    run.completedAt = new Date().toISOString();
    checkpoint.generation = run.id;
    if (incremental && options.watermark) {
      const high = incremental.high;
      const old = checkpoint.watermark?.value;
      if (high !== undefined && (old === undefined || compareWatermarks(high, old) > 0)) {
        checkpoint.watermark = { field: options.watermark, value: high };
      }
    }
  }
  await persist();
  await closeLogs(receiptsLog, rejectsLog);
  const summary: SyncResult = {
    ...result.counts,
    durationMs: Date.now() - started,
    completed: result.completed,
    resumed: resuming,
    ...(checkpointPath ? { checkpoint: checkpointPath, receipts: receiptsPath } : {}),
    ...(rejectsPath ? { rejectsFile: rejectsPath } : {}),
    ...(result.deletesWithheld ? { deletesWithheld: result.deletesWithheld } : {}),
  };
  progress.done(result.counts, result.position);
  return summary;
}

function rejectLine(entry: RejectEntry): string {
  const line: Record<string, unknown> = { row: entry.row, errors: entry.errors };
  if (entry.op === 'delete') {
    line.op = 'delete';
    line.key = entry.key;
  } else {
    line.source = entry.source;
  }
  line.stage = entry.stage;
  return `${JSON.stringify(line)}\n`;
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

async function openLog(path: string, keepBytes: number | undefined): Promise<AppendLog> {
  try {
    return await AppendLog.open(path, keepBytes);
  } catch (error) {
    throw new SyncError(
      'sync.log_invalid',
      `${path} no longer matches the checkpoint (${(error as Error).message}). Start a new run without --resume.`,
      `${path} 与检查点不一致（${(error as Error).message}），请不带 --resume 重新运行。`,
      { cause: error },
    );
  }
}

async function closeLogs(...logs: Array<AppendLog | undefined>): Promise<void> {
  for (const log of logs) await log?.close();
}

/** The data rows already in a rejects file (a resumed snapshot run must not record them as delivered). */
async function rejectedRows(path: string): Promise<Set<number>> {
  const rows = new Set<number>();
  try {
    const lines = createInterface({
      input: createReadStream(path, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = JSON.parse(line) as { row?: unknown };
      if (typeof parsed.row === 'number') rows.add(parsed.row);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return rows;
}

function progressReporter(options: SyncOptions, started: number, initial: SyncCounts, position: number) {
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

/** sha256 of a mapping's text, for the checkpoint's `mapping` field. */
export function mappingDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw usage(`${name} must be a positive integer`, `${name} 必须是正整数`);
  return value;
}

function usage(en: string, zh: string): SyncError {
  return new SyncError('sync.invalid_options', en, zh);
}
