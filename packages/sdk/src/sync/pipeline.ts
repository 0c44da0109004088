import { isReject } from '../sources/types';
import { BodyBuffers, canonicalBytes } from './batch-body';
import type { ChangeFilter } from './change-filter';
import { type DeleteAllowances, type HeldDeletesReason, heldDeletesReason } from './delete-guard';
import { applyOutcome, newBatch, type PipelineBatch, route } from './pipeline-batch';
import { PushWindow } from './push-window';
import {
  type DeleteKey,
  isOutOfShard,
  isReplaced,
  type PushBatch,
  type RowMapper,
  type SourceItem,
  type SyncCounts,
} from './types';

export type { PipelineBatch, RejectEntry } from './pipeline-batch';

/** `allow…`: snapshot mode's held deletes that may go (see DeleteAllowances). */
export interface PipelineOptions extends DeleteAllowances {
  resource: string;
  source: AsyncIterable<SourceItem>;
  map: RowMapper;
  filter: ChangeFilter;
  batchSize: number;
  concurrency: number;
  generation: string;
  /** Source items an earlier attempt of this run has delivered (resume): re-read but not re-sent. */
  skip: number;
  /** Rows among the skipped ones that were rejected (from the rejects file). */
  skippedRejects?: ReadonlySet<number>;
  firstBatch: number;
  deletesCommitted: number;
  counts: SyncCounts;
  push: PushBatch;
  /** Called once per batch, strictly in batch order, after the batch's receipt is verified. */
  commit: (batch: PipelineBatch, counts: SyncCounts, deletesCommitted: number) => Promise<void>;
  /** A sharded run's shards 2…n: rows without a readable key (malformed lines too) are shard 1's. */
  keylessElsewhere?: boolean;
  /** Aborting stops reading; batches in flight finish and are committed. */
  stop?: AbortSignal;
  onRead?: (read: number, inFlight: number) => void;
}

export interface PipelineResult {
  counts: SyncCounts;
  completed: boolean;
  /** Source items committed (the checkpoint position). */
  position: number;
  nextBatch: number;
  deletesCommitted: number;
  /** Snapshot mode: the deletes held back (an empty input, a mass deletion, rejected rows without a key). */
  heldDeletes?: HeldDeletes;
}

/** Deletes of vanished keys not sent, and why (see HeldDeletesReason). */
export interface HeldDeletes {
  reason: HeldDeletesReason;
  keys: DeleteKey[];
  keylessRejects: number;
  /** Keys the last completed run left on the exchange. */
  known: number;
}

/**
 * Source → mapping → change filter → batches → bounded concurrent pushes → in-order commits.
 * Reading pauses while `concurrency` batches are in flight, so memory stays flat whatever the input size.
 */
export function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  return new PipelineRun(options).run();
}

/** One run of the pipeline: the position in the source, the batch being filled, what is committed. */
class PipelineRun {
  readonly #counts: SyncCounts;
  readonly #bodies = new BodyBuffers();
  readonly #window: PushWindow;
  /** Source items read, those an earlier attempt delivered included. */
  #position = 0;
  #readCount: number;
  #committedPosition: number;
  #deletesCommitted: number;
  #nextIndex: number;
  #current: PipelineBatch;

  constructor(private readonly options: PipelineOptions) {
    this.#counts = { ...options.counts };
    this.#readCount = options.counts.read;
    this.#committedPosition = options.skip;
    this.#deletesCommitted = options.deletesCommitted;
    this.#nextIndex = options.firstBatch;
    this.#current = newBatch(this.#nextIndex, options.skip);
    this.#window = new PushWindow({
      resource: options.resource,
      generation: options.generation,
      concurrency: options.concurrency,
      firstBatch: options.firstBatch,
      push: options.push,
      bodies: this.#bodies,
      commit: (batch) => this.#commit(batch),
    });
  }

  async run(): Promise<PipelineResult> {
    const iterator = this.options.source[Symbol.asyncIterator]();
    let exhausted = false;
    try {
      exhausted = await this.#readAll(iterator);
      if (exhausted && !this.#stopped() && this.#current.read > 0) await this.#sendCurrent();
      this.options.onRead?.(this.#readCount, this.#window.inFlight);
      const heldDeletes = exhausted && !this.#stopped() ? await this.#sendDeletes() : undefined;
      await this.#window.drain();
      if (this.#window.failure !== undefined) throw this.#window.failure;
      return {
        counts: this.#counts,
        completed: exhausted && this.options.stop?.aborted !== true,
        position: this.#committedPosition,
        nextBatch: this.#window.nextBatch,
        deletesCommitted: this.#deletesCommitted,
        ...(heldDeletes ? { heldDeletes } : {}),
      };
    } catch (error) {
      this.#window.fail(error);
      await this.#window.settle();
      throw this.#window.failure;
    } finally {
      if (!exhausted) await iterator.return?.();
    }
  }

  #stopped(): boolean {
    return this.options.stop?.aborted === true || this.#window.failure !== undefined;
  }

  /** Reads until the source ends (true) or the run stops (false), sending each batch as it fills. */
  async #readAll(iterator: AsyncIterator<SourceItem>): Promise<boolean> {
    while (!this.#stopped()) {
      const next = await iterator.next();
      if (next.done) return true;
      this.#position += 1;
      if (this.#position <= this.options.skip) {
        this.#replay(next.value);
        continue;
      }
      this.#readCount += 1;
      this.#current.read += 1;
      this.#current.end = this.#position;
      const { map, filter, keylessElsewhere } = this.options;
      route(next.value, this.#current, map, filter, this.#bodies, keylessElsewhere);
      // Rows of other shards take no room: a shard's batches are as full as an unsharded run's.
      if (this.#current.read - this.#current.outOfShard >= this.options.batchSize) {
        if (!(await this.#sendCurrent())) return false;
        this.options.onRead?.(this.#readCount, this.#window.inFlight);
      }
    }
    return false;
  }

  /** A row an earlier attempt of this run delivered (resume): mapped again only to rebuild the filter's memory. */
  #replay(item: SourceItem): void {
    const { filter, map, skippedRejects } = this.options;
    if (!filter.replays) return;
    if (isReject(item)) {
      filter.rejected(undefined);
      return;
    }
    const mapped = map(item.values, item.row);
    if (isOutOfShard(mapped)) {
      if (mapped.keyless) filter.rejected(undefined);
      return;
    }
    if (isReplaced(mapped)) return;
    if (!mapped.ok) {
      filter.rejected(mapped.record);
      return;
    }
    const wasRejected = skippedRejects?.has(item.row) ?? false;
    filter.replayed(mapped.record, item, wasRejected, canonicalBytes(mapped.record, this.#bodies.encoders));
  }

  /** Sends the batch being filled once a slot is free and starts the next; false when the run stopped first. */
  async #sendCurrent(): Promise<boolean> {
    await this.#window.waitForSlot();
    if (this.#stopped()) return false;
    this.#window.dispatch(this.#current);
    this.#nextIndex += 1;
    this.#current = newBatch(this.#nextIndex, this.#position);
    return true;
  }

  /** Snapshot mode: deletes the keys that vanished from the source, or returns them when they must wait. */
  async #sendDeletes(): Promise<HeldDeletes | undefined> {
    const { filter, batchSize } = this.options;
    // Deletes go only after every upsert is acknowledged: a key that moved between rows must not be
    // deleted after its new row landed.
    await this.#window.drain();
    const vanished = filter.vanished();
    const keylessRejects = filter.keylessRejects();
    const known = filter.known();
    // Held unless allowed, or already under way (a resumed run finishes the deletes it started).
    const reason =
      this.options.deletesCommitted === 0
        ? heldDeletesReason(
            { vanished: vanished.length, known, rowsRead: this.#position, keylessRejects },
            this.options,
          )
        : undefined;
    if (reason) return { reason, keys: vanished.map((gone) => gone.op), keylessRejects, known };
    for (let i = this.options.deletesCommitted; i < vanished.length && !this.#stopped(); i += batchSize) {
      await this.#window.waitForSlot();
      if (this.#stopped()) break;
      const batch = newBatch(this.#nextIndex, this.#position);
      batch.deletes = vanished.slice(i, i + batchSize);
      this.#window.dispatch(batch);
      this.#nextIndex += 1;
    }
    return undefined;
  }

  /** An acknowledged batch, in batch order: its answer folded into the counts, then the caller's commit. */
  async #commit(batch: PipelineBatch): Promise<void> {
    applyOutcome(batch, this.#counts, this.options.filter);
    this.#deletesCommitted += batch.deletes.length;
    this.#committedPosition = batch.end;
    await this.options.commit(batch, { ...this.#counts }, this.#deletesCommitted);
  }
}
