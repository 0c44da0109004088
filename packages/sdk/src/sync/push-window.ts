import type { BodyBuffers, EncodedBatch } from './batch-body';
import { deriveIdempotencyKey } from './idempotency-key';
import { OrderedCommits } from './ordered-commits';
import type { PipelineBatch } from './pipeline-batch';
import type { BatchBody, BatchRequest, PushBatch } from './types';

export interface PushWindowOptions {
  resource: string;
  /** The id of the last completed run: part of every Idempotency-Key. */
  generation: string;
  concurrency: number;
  firstBatch: number;
  push: PushBatch;
  bodies: BodyBuffers;
  /** Called once per batch, strictly in batch order, after the exchange acknowledged it. */
  commit: (batch: PipelineBatch) => Promise<void>;
}

/**
 * The batches of a run between sending and committing: at most `concurrency` in flight, and acknowledged ones
 * committed strictly in batch order. Acknowledged batches waiting for their commit still hold their rows, so
 * they count against the window too: memory stays flat whatever the input size.
 */
export class PushWindow {
  /** The first failure of a push or a commit; the run stops reading when there is one. */
  failure: unknown;
  readonly #inFlight = new Map<number, Promise<void>>();
  readonly #order: OrderedCommits<PipelineBatch>;
  #commits: Promise<void> = Promise.resolve();
  #queuedCommits = 0;
  // A batch the exchange acknowledged is committed even after another batch failed (so a resume does not
  // resend it); only a failed commit (the checkpoint's disk) stops further commits.
  #commitFailed = false;

  constructor(private readonly options: PushWindowOptions) {
    this.#order = new OrderedCommits(options.firstBatch);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** The first batch not yet committed. */
  get nextBatch(): number {
    return this.#order.position;
  }

  fail(error: unknown): void {
    this.failure ??= error;
  }

  /** Sends a batch; one with nothing to send is committed as soon as its turn comes. */
  dispatch(batch: PipelineBatch): void {
    const operations = batch.upserts.length + batch.deletes.length;
    if (operations === 0) {
      batch.writer?.release();
      batch.writer = undefined;
      this.#commitReady(this.#order.complete(batch.index, batch));
      return;
    }
    const writer = batch.writer ?? this.options.bodies.writer();
    batch.writer = undefined;
    const request = this.#request(batch, writer.finish(batch.deletes.map((d) => d.op)), operations);
    const task = this.options.push(request).then(
      (outcome) => {
        writer.release();
        batch.outcome = outcome;
        this.#inFlight.delete(batch.index);
        this.#commitReady(this.#order.complete(batch.index, batch));
      },
      (error) => {
        writer.release();
        this.#inFlight.delete(batch.index);
        this.fail(error);
      },
    );
    this.#inFlight.set(batch.index, task);
  }

  /** Waits until one more batch may be sent. */
  async waitForSlot(): Promise<void> {
    for (;;) {
      if (this.#inFlight.size >= this.options.concurrency) await Promise.race(this.#inFlight.values());
      else if (this.#queuedCommits >= this.options.concurrency) await this.#commits.catch(() => {});
      else return;
    }
  }

  /** Waits for every batch in flight and its commit; throws when a commit failed. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight.values());
    await this.#commits;
  }

  /** After a failure: lets the batches in flight finish and their commits run, whatever they do. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled(this.#inFlight.values());
    await this.#commits.catch(() => {});
  }

  #request(batch: PipelineBatch, encoded: EncodedBatch, operations: number): BatchRequest {
    const idempotencyKey = deriveIdempotencyKey({
      resource: this.options.resource,
      generation: this.options.generation,
      index: batch.index,
      body: encoded.bytes,
    });
    batch.idempotencyKey = idempotencyKey;
    let body: BatchBody | undefined;
    return {
      resource: this.options.resource,
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
  }

  #commitReady(ready: PipelineBatch[]): void {
    for (const batch of ready) {
      this.#queuedCommits += 1;
      this.#commits = this.#commits.then(async () => {
        this.#queuedCommits -= 1;
        if (this.#commitFailed) return;
        await this.options.commit(batch);
      });
      this.#commits.catch((error) => {
        this.#commitFailed = true;
        this.fail(error);
      });
    }
  }
}
