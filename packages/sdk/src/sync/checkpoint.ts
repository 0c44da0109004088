import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';
import { SyncError } from './errors';
import type { SyncShard } from './shard';
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
 * The format version of the checkpoint files this unsilo writes, and the newest it reads. Every checkpoint
 * written so far is version 1 (a run's `input` came later and is optional, so the first ones read as they are).
 * A format change raises it, and `checkpointFrom` then migrates the older versions in memory; the next save
 * writes the new one.
 */
export const CHECKPOINT_VERSION = 1;

/**
 * What a sync remembers between runs. Written atomically and only after the batches it covers have verified
 * receipts. Holds no credentials: only positions, counts, the watermark and file lengths.
 */
export interface Checkpoint {
  version: typeof CHECKPOINT_VERSION;
  resource: string;
  mode: SyncMode;
  /** sha256 of the mapping's text: a resume with another mapping would not replay the same batches. */
  mapping: string;
  /**
   * The id of the last completed run (before the first: "0-" and the first run's id, or "0" in a checkpoint of an
   * earlier unsilo): part of every idempotency key.
   */
  generation: string;
  watermark?: { field: string; value: WatermarkValue };
  /** The receipts NDJSON beside the checkpoint (proof of delivery) and its verified length. */
  receipts: { file: string; bytes: number };
  /**
   * The shard this checkpoint belongs to (absent: unsharded), with its key range if it has one; a run of another
   * shard layout or range is refused.
   */
  shard?: SyncShard;
  run?: RunState;
}

export function emptyCounts(): SyncCounts {
  return {
    read: 0,
    accepted: 0,
    rejected: 0,
    unchanged: 0,
    replaced: 0,
    outOfShard: 0,
    deleted: 0,
    batches: 0,
    retries: 0,
  };
}

/** The receipts file that belongs to a checkpoint file. */
export function receiptsPathFor(checkpointPath: string): string {
  return `${checkpointPath.replace(/\.json$/i, '')}.receipts.ndjson`;
}

/**
 * The checkpoint at `path`, or undefined when there is none. A file of a newer format (`sync.checkpoint_too_new`)
 * or a damaged one (`sync.checkpoint_invalid`) is refused with what to do.
 */
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
    parsed = JSON.parse(text, withoutPrototype);
  } catch (error) {
    throw damaged(path, { en: 'not valid JSON', zh: '不是有效的 JSON' }, error);
  }
  return checkpointFrom(parsed, path);
}

export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(checkpoint, null, 2)}\n`);
}

/** A checkpoint of the current format from what a file holds; a newer format or a damaged file is refused. */
function checkpointFrom(value: unknown, path: string): Checkpoint {
  if (!isMap(value)) throw damaged(path, { en: 'not a JSON object', zh: '不是 JSON 对象' });
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw damaged(path, { en: 'no format version', zh: '缺少格式版本' });
  if (version > CHECKPOINT_VERSION) throw tooNew(path, version);
  const field = invalidField(value);
  if (field) throw damaged(path, { en: `"${field}" is missing or invalid`, zh: `字段 ${field} 缺失或无效` });
  return value as unknown as Checkpoint;
}

/** JSON.parse reviver: objects read from a file have no prototype. */
function withoutPrototype(_key: string, value: unknown): unknown {
  return isMap(value) ? Object.assign(Object.create(null), value) : value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooNew(path: string, version: number): SyncError {
  return new SyncError(
    'sync.checkpoint_too_new',
    `Checkpoint ${path} was written by a newer unsilo (format version ${version}; this one reads up to ${CHECKPOINT_VERSION}). Upgrade unsilo to continue from it, or delete it (or name another file with --checkpoint) to start a new run.`,
    `检查点文件 ${path} 由更新版本的 unsilo 写入（格式版本 ${version}，本版本最高可读 ${CHECKPOINT_VERSION}）。请升级 unsilo 后继续；或删除该文件（或用 --checkpoint 指定其他文件）以开始新的同步。`,
  );
}

function damaged(path: string, what: { en: string; zh: string }, cause?: unknown): SyncError {
  return new SyncError(
    'sync.checkpoint_invalid',
    `Checkpoint ${path} is damaged: ${what.en}. Delete it (or name another file with --checkpoint) to start a new run.`,
    `检查点文件 ${path} 已损坏：${what.zh}。请删除该文件（或用 --checkpoint 指定其他文件）以开始新的同步。`,
    { cause },
  );
}

const MODES: readonly unknown[] = ['full', 'incremental', 'snapshot'] satisfies SyncMode[];

/** The first field of a checkpoint (of the current version) that is missing or has the wrong type. */
function invalidField(c: Record<string, unknown>): string | undefined {
  if (typeof c.resource !== 'string') return 'resource';
  if (!MODES.includes(c.mode)) return 'mode';
  if (typeof c.mapping !== 'string') return 'mapping';
  if (typeof c.generation !== 'string') return 'generation';
  const receipts = c.receipts;
  if (!isMap(receipts) || typeof receipts.file !== 'string' || !isCount(receipts.bytes)) return 'receipts';
  if (c.shard !== undefined && !isShard(c.shard)) return 'shard';
  return c.run === undefined ? undefined : invalidRunField(c.run);
}

function invalidRunField(run: unknown): string | undefined {
  if (!isMap(run)) return 'run';
  if (typeof run.id !== 'string') return 'run.id';
  if (typeof run.completed !== 'boolean') return 'run.completed';
  for (const field of ['batchSize', 'position', 'nextBatch', 'deletesCommitted'] as const) {
    if (!isCount(run[field])) return `run.${field}`;
  }
  const counts = run.counts;
  if (!isMap(counts)) return 'run.counts';
  // `replaced` and `outOfShard` are newer than the format: a checkpoint written before them has none (read as 0
  // when resumed).
  const count = Object.keys(emptyCounts()).find(
    (field) => !isCount(counts[field]) && !(LATER_COUNTS.includes(field) && counts[field] === undefined),
  );
  return count === undefined ? undefined : `run.counts.${count}`;
}

const LATER_COUNTS: readonly string[] = ['replaced', 'outOfShard'];

function isShard(value: unknown): boolean {
  return (
    isMap(value) &&
    isCount(value.index) &&
    isCount(value.count) &&
    value.index >= 1 &&
    value.index <= value.count &&
    (value.range === undefined || isRange(value.range))
  );
}

/** A shard's key range: its key fields, and bounds of one text or number per field. */
function isRange(value: unknown): boolean {
  if (!isMap(value) || !Array.isArray(value.key) || value.key.length === 0) return false;
  const key = value.key as unknown[];
  if (!key.every((field) => typeof field === 'string')) return false;
  const isBound = (bound: unknown) =>
    bound === undefined ||
    (Array.isArray(bound) &&
      bound.length === key.length &&
      bound.every((v) => typeof v === 'string' || typeof v === 'number'));
  return isBound(value.from) && isBound(value.before);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
