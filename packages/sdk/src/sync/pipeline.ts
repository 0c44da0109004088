import { type BatchBodyWriter, BodyBuffers, canonicalBytes } from './batch-body';
import type { ChangeFilter, PendingUpsert } from './change-filter';
import { deriveIdempotencyKey } from './idempotency-key';
import { OrderedCommits } from './ordered-commits';
import { isReject } from './readers/types';
import type {
  BatchBody,
  BatchOutcome,
  BatchRequest,
  DeleteKey,
  PushBatch,
  RowError,
  RowMapper,
  SourceItem,
  SourceRow,
  SyncCounts,
} from './types';

export interface RejectEntry {
  row: number | null;
  errors: RowError[];
  source?: unknown;
  op?: 'upsert' | 'delete';
  key?: DeleteKey;
  stage: 'client' | 'server';
}

/** One batch, from the source rows it covers to the exchange's answer. */
export interface PipelineBatch {
  index: number;
  /** The source items it covers: [start, end). */
  start: number;
  end: number;
  upserts: PendingUpsert[];
  /** The body being written, record by record, until the batch is sent. */
  writer?: BatchBodyWriter;
  deletes: Array<{ key: string; op: DeleteKey }>;
  rejects: RejectEntry[];
  unchanged: number;
  read: number;
  outcome?: BatchOutcome;
  idempotencyKey?: string;
}

export interface PipelineOptions {
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
  deletesWithheld?: string;
}

/**
 * Source → mapping → change filter → batches → bounded concurrent pushes → in-order commits.
 * Reading pauses while `concurrency` batches are in flight, so memory stays flat whatever the input size.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { filter, batchSize, concurrency } = options;
  const counts = { ...options.counts };
  const order = new OrderedCommits<PipelineBatch>(options.firstBatch);
  const inFlight = new Map<number, Promise<void>>();
  let failure: unknown;
  // A batch the exchange acknowledged is committed even after another batch failed (so a resume does not
  // resend it); only a failed commit (the checkpoint's disk) stops further commits.
  let commitFailed = false;
  let committedPosition = options.skip;
  let deletesCommitted = options.deletesCommitted;
  let commitChain: Promise<void> = Promise.resolve();
  let readCount = counts.read;

  // Acknowledged batches waiting for their commit still hold their rows: they count against the window too.
  let queuedCommits = 0;
  const commitReady = (ready: PipelineBatch[]) => {
    for (const batch of ready) {
      queuedCommits += 1;
      commitChain = commitChain.then(async () => {
        queuedCommits -= 1;
        if (commitFailed) return;
        applyOutcome(batch, counts, filter);
        if (batch.deletes.length > 0) deletesCommitted += batch.deletes.length;
        committedPosition = batch.end;
        await options.commit(batch, { ...counts }, deletesCommitted);
      });
      commitChain.catch((error) => {
        commitFailed = true;
        failure ??= error;
      });
    }
  };

  const dispatch = (batch: PipelineBatch) => {
    const operations = batch.upserts.length + batch.deletes.length;
    if (operations === 0) {
      batch.writer?.release();
      batch.writer = undefined;
      commitReady(order.complete(batch.index, batch));
      return;
    }
    const writer = batch.writer ?? bodies.writer();
    batch.writer = undefined;
    const encoded = writer.finish(batch.deletes.map((d) => d.op));
    const idempotencyKey = deriveIdempotencyKey({
      resource: options.resource,
      generation: options.generation,
      index: batch.index,
      body: encoded.bytes,
    });
    batch.idempotencyKey = idempotencyKey;
    let body: BatchBody | undefined;
    const request: BatchRequest = {
      resource: options.resource,
      index: batch.index,
      idempotencyKey,
      get body() {
        body ??= JSON.parse(Buffer.from(encoded.bytes).toString('utf8')) as BatchBody;
        return body;
      },
      bodyBytes: encoded.bytes,
      allAcceptedHash: encoded.allAcceptedHash,
      operations,
    };
    const task = options.push(request).then(
      (outcome) => {
        writer.release();
        batch.outcome = outcome;
        inFlight.delete(batch.index);
        commitReady(order.complete(batch.index, batch));
      },
      (error) => {
        writer.release();
        inFlight.delete(batch.index);
        failure ??= error;
      },
    );
    inFlight.set(batch.index, task);
  };

  const waitForSlot = async () => {
    for (;;) {
      if (inFlight.size >= concurrency) await Promise.race(inFlight.values());
      else if (queuedCommits >= concurrency) await commitChain.catch(() => {});
      else return;
    }
  };

  let nextIndex = options.firstBatch;
  let position = 0;
  let current = newBatch(nextIndex, options.skip);
  const bodies = new BodyBuffers();
  const stopped = () => options.stop?.aborted === true || failure !== undefined;

  const iterator = options.source[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    while (!stopped()) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const item = next.value;
      if (position < options.skip) {
        position += 1;
        if (!filter.replays) continue;
        if (!isReject(item)) {
          const mapped = options.map(item.values, item.row);
          if (mapped.ok) {
            filter.replayed(
              mapped.record,
              item,
              options.skippedRejects?.has(item.row) ?? false,
              canonicalBytes(mapped.record, bodies.encoders),
            );
          } else filter.rejected(mapped.record);
        } else {
          filter.rejected(undefined);
        }
        continue;
      }
      position += 1;
      readCount += 1;
      current.read += 1;
      current.end = position;
      route(item, current, options.map, filter, bodies);
      if (current.read >= batchSize) {
        await waitForSlot();
        if (stopped()) break;
        dispatch(current);
        nextIndex += 1;
        current = newBatch(nextIndex, position);
        options.onRead?.(readCount, inFlight.size);
      }
    }
    if (exhausted && !stopped() && current.read > 0) {
      await waitForSlot();
      if (!stopped()) {
        dispatch(current);
        nextIndex += 1;
        current = newBatch(nextIndex, position);
      }
    }
    options.onRead?.(readCount, inFlight.size);

    let deletesWithheld: string | undefined;
    if (exhausted && !stopped()) {
      // Deletes go only after every upsert is acknowledged: a key that moved between rows must not be
      // deleted after its new row landed.
      await Promise.all(inFlight.values());
      await commitChain;
      deletesWithheld = filter.deletesWithheld();
      const vanished = deletesWithheld ? [] : filter.vanished();
      for (let i = options.deletesCommitted; i < vanished.length && !stopped(); i += batchSize) {
        await waitForSlot();
        if (stopped()) break;
        const batch = newBatch(nextIndex, position);
        batch.deletes = vanished.slice(i, i + batchSize);
        dispatch(batch);
        nextIndex += 1;
      }
    }

    while (inFlight.size > 0) await Promise.all(inFlight.values());
    await commitChain;
    if (failure !== undefined) throw failure;
    const completed = exhausted && options.stop?.aborted !== true;
    return {
      counts,
      completed,
      position: committedPosition,
      nextBatch: order.position,
      deletesCommitted,
      deletesWithheld,
    };
  } catch (error) {
    failure ??= error;
    while (inFlight.size > 0) await Promise.allSettled(inFlight.values());
    await commitChain.catch(() => {});
    throw failure;
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}

function newBatch(index: number, start: number): PipelineBatch {
  return {
    index,
    start,
    end: start,
    upserts: [],
    deletes: [],
    rejects: [],
    unchanged: 0,
    read: 0,
  };
}

function route(
  item: SourceItem,
  batch: PipelineBatch,
  map: RowMapper,
  filter: ChangeFilter,
  bodies: BodyBuffers,
): void {
  if (isReject(item)) {
    batch.rejects.push({ row: item.row, errors: [item.error], source: { line: item.line }, stage: 'client' });
    filter.rejected(undefined);
    return;
  }
  let mapped: ReturnType<RowMapper>;
  let canonical: Uint8Array | undefined;
  try {
    mapped = map(item.values, item.row);
    // Canonical JSON, written once into the body: the wire, the receipt hash and the snapshot hash all use it.
    if (mapped.ok) {
      batch.writer ??= bodies.writer();
      canonical = batch.writer.append(mapped.record);
    }
  } catch (error) {
    mapped = {
      ok: false,
      errors: [
        {
          field: '',
          rule: 'mapping/internal',
          message: error instanceof Error ? error.message : String(error),
        },
      ],
    };
  }
  if (!mapped.ok) {
    batch.rejects.push({ row: item.row, errors: mapped.errors, source: item.values, stage: 'client' });
    filter.rejected(mapped.record);
    return;
  }
  const upsert = filter.consider(mapped.record, item as SourceRow, canonical!);
  if (upsert) batch.upserts.push(upsert);
  else {
    batch.writer!.dropLast();
    batch.unchanged += 1;
  }
}

/** Folds the exchange's per-operation answer into the counts and the batch's reject list. */
function applyOutcome(batch: PipelineBatch, counts: SyncCounts, filter: ChangeFilter): void {
  counts.read += batch.read;
  counts.unchanged += batch.unchanged;
  counts.rejected += batch.rejects.length;
  const outcome = batch.outcome;
  if (!outcome) return;
  counts.batches += 1;
  counts.retries += outcome.retries;
  // `index` is the position in the `upsert` or `delete` array that `op` names.
  const refused = new Map<string, RowError[]>();
  for (const result of outcome.results) {
    if (result.status === 'rejected') refused.set(`${result.op}:${result.index}`, result.errors ?? []);
  }
  batch.upserts.forEach((upsert, i) => {
    const errors = refused.get(`upsert:${i}`);
    if (errors) {
      counts.rejected += 1;
      batch.rejects.push({ row: upsert.row, errors, source: upsert.source, op: 'upsert', stage: 'server' });
    } else {
      counts.accepted += 1;
      filter.accepted(upsert);
    }
  });
  batch.deletes.forEach((entry, i) => {
    const errors = refused.get(`delete:${i}`);
    if (errors) {
      batch.rejects.push({ row: null, errors, op: 'delete', key: entry.op, stage: 'server' });
    } else {
      counts.deleted += 1;
      filter.deleteAccepted(entry.key);
    }
  });
  batch.rejects.sort((a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER));
}
