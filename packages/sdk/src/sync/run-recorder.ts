import type { IncrementalFilter } from './change-filter';
import { type Checkpoint, type RunState, saveCheckpoint } from './checkpoint';
import type { PipelineBatch } from './pipeline';
import { closeRunLogs, logBatch, type RunLogs } from './run-logs';
import type { ProgressReporter } from './sync-progress';
import type { SyncCounts } from './types';

export interface RunRecorderOptions {
  checkpointPath: string | undefined;
  checkpoint: Checkpoint;
  run: RunState;
  logs: RunLogs;
  incremental: IncrementalFilter | undefined;
  progress: ProgressReporter;
  /** How often the checkpoint is rewritten while running (ms). */
  intervalMs: number;
}

/**
 * Records a run as its batches commit: the logs first, then the checkpoint that covers them (at most every
 * `intervalMs` while running), so that a checkpoint never names a batch whose receipt is not on disk.
 */
export class RunRecorder {
  #lastSave = 0;

  constructor(private readonly options: RunRecorderOptions) {}

  /** Flushes the logs and writes the checkpoint with their lengths. */
  async persist(): Promise<void> {
    const { logs, checkpoint, run, checkpointPath } = this.options;
    if (logs.receipts) checkpoint.receipts.bytes = await logs.receipts.sync();
    if (logs.rejects && run.rejects) run.rejects.bytes = await logs.rejects.sync();
    if (checkpointPath) await saveCheckpoint(checkpointPath, checkpoint);
    this.#lastSave = Date.now();
  }

  /** The pipeline's commit: one acknowledged batch, in batch order. */
  readonly commit = async (batch: PipelineBatch, counts: SyncCounts, deletesCommitted: number) => {
    const { run, incremental } = this.options;
    await logBatch(this.options.logs, run.id, batch);
    run.position = batch.end;
    run.nextBatch = batch.index + 1;
    run.deletesCommitted = deletesCommitted;
    run.counts = counts;
    if (incremental?.high !== undefined) run.pendingWatermark = incremental.high;
    this.options.progress.committed(counts, batch.end);
    if (Date.now() - this.#lastSave >= this.options.intervalMs) await this.persist();
  };

  close(): Promise<void> {
    return closeRunLogs(this.options.logs);
  }
}
