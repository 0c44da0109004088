import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';
import { SyncError } from './errors';
import type { SyncCounts } from './types';

export type SyncMode = 'full' | 'incremental' | 'snapshot';
export type WatermarkValue = string | number;

export interface InputIdentity {
  path: string;
  size: number;
  mtimeMs: number;
}

/** The progress of one run, enough to continue it after a crash. */
export interface RunState {
  id: string;
  startedAt: string;
  completedAt?: string;
  completed: boolean;
  batchSize: number;
  /** Source rows (readers' items) whose batches are all acknowledged. */
  position: number;
  /** The index of the next batch to send. */
  nextBatch: number;
  /** In snapshot mode: vanished keys whose deletes are acknowledged. */
  deletesCommitted: number;
  counts: SyncCounts;
  /** In incremental mode: the highest watermark among the run's accepted rows so far. */
  pendingWatermark?: WatermarkValue;
  /** The input the run reads (a file's path, size and modification time): a resume must read the same. */
  input?: InputIdentity;
  /** The rejects file and its length when this checkpoint was written. */
  rejects?: { file: string; bytes: number };
}

/**
 * What a sync remembers between runs. Written atomically and only after the batches it covers have verified
 * receipts. Holds no credentials: only positions, counts, the watermark and file lengths.
 */
export interface Checkpoint {
  version: 1;
  resource: string;
  mode: SyncMode;
  /** sha256 of the mapping's text: a resume with another mapping would not replay the same batches. */
  mapping: string;
  /** The id of the last completed run ("0" before the first): part of every idempotency key. */
  generation: string;
  watermark?: { field: string; value: WatermarkValue };
  /** The receipts NDJSON beside the checkpoint (proof of delivery) and its verified length. */
  receipts: { file: string; bytes: number };
  run?: RunState;
}

export function emptyCounts(): SyncCounts {
  return { read: 0, accepted: 0, rejected: 0, unchanged: 0, deleted: 0, batches: 0, retries: 0 };
}

/** The receipts file that belongs to a checkpoint file. */
export function receiptsPathFor(checkpointPath: string): string {
  return `${checkpointPath.replace(/\.json$/i, '')}.receipts.ndjson`;
}

export async function loadCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(path, 'not valid JSON', '不是有效的 JSON', error);
  }
  const problem = checkpointProblem(parsed);
  if (problem) throw invalid(path, problem, problem);
  return parsed as Checkpoint;
}

export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(checkpoint, null, 2)}\n`);
}

function invalid(path: string, en: string, zh: string, cause?: unknown): SyncError {
  return new SyncError(
    'sync.checkpoint_invalid',
    `Checkpoint ${path} is unreadable: ${en}. Remove it to start afresh.`,
    `检查点文件 ${path} 无法读取：${zh}。删除该文件后可重新开始。`,
    { cause },
  );
}

function checkpointProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const c = value as Record<string, unknown>;
  if (c.version !== 1) return `unknown version ${String(c.version)}`;
  if (typeof c.resource !== 'string') return 'resource missing';
  if (c.mode !== 'full' && c.mode !== 'incremental' && c.mode !== 'snapshot') return 'mode invalid';
  if (typeof c.mapping !== 'string' || typeof c.generation !== 'string')
    return 'mapping or generation missing';
  const receipts = c.receipts as Record<string, unknown> | undefined;
  if (!receipts || typeof receipts.file !== 'string' || !isCount(receipts.bytes)) return 'receipts invalid';
  if (c.run !== undefined) {
    const run = c.run as Record<string, unknown>;
    if (typeof run !== 'object' || run === null) return 'run invalid';
    for (const field of ['batchSize', 'position', 'nextBatch', 'deletesCommitted'] as const) {
      if (!isCount(run[field])) return `run.${field} invalid`;
    }
    const counts = run.counts as Record<string, unknown> | undefined;
    if (!counts) return 'run.counts missing';
    for (const field of Object.keys(emptyCounts()))
      if (!isCount(counts[field])) return `run.counts.${field} invalid`;
  }
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
