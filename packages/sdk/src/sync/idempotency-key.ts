import { createHash } from 'node:crypto';

export interface BatchIdentity {
  /** The target resource code. */
  resource: string;
  /**
   * What the run builds on: the checkpoint's last completed run (or "0" when there is none). Re-runs after a
   * crash share it, so they replay; a later run with identical content gets fresh keys, so an old answer is
   * never replayed over newer data.
   */
  generation: string;
  /** The batch's position in the run (0-based). */
  index: number;
  /** The exact request body bytes. */
  body: string | Uint8Array;
}

/**
 * The Idempotency-Key of one batch: sha256 over resource, generation, position and content. The same batch
 * sent again (a retry, or a re-run after a crash) carries the same key, and the exchange replays its first
 * answer instead of applying the batch twice.
 */
export function deriveIdempotencyKey(batch: BatchIdentity): string {
  const content = createHash('sha256').update(batch.body).digest('hex');
  const digest = createHash('sha256')
    .update(`unsilo-sync/v1\n${batch.resource}\n${batch.generation}\n${batch.index}\n${content}`)
    .digest('base64url');
  return `sync-${digest}`;
}
