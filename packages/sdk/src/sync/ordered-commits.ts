/**
 * Batches finish in any order when several are in flight; the checkpoint may only move over a contiguous
 * prefix of finished batches, otherwise a crash could skip a batch that never landed.
 */
export class OrderedCommits<T> {
  private readonly done = new Map<number, T>();

  constructor(private next: number) {}

  /** The first index not yet committed. */
  get position(): number {
    return this.next;
  }

  get pending(): number {
    return this.done.size;
  }

  /** Records a finished batch and returns the finished batches that now extend the prefix, in order. */
  complete(index: number, value: T): T[] {
    if (index < this.next || this.done.has(index)) throw new Error(`batch ${index} completed twice`);
    this.done.set(index, value);
    const ready: T[] = [];
    for (;;) {
      if (!this.done.has(this.next)) break;
      ready.push(this.done.get(this.next) as T);
      this.done.delete(this.next);
      this.next += 1;
    }
    return ready;
  }
}
