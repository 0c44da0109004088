import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory } from '../sync/atomic-file';

/**
 * A file written under a temporary name beside its target and renamed over it only once complete: a failed
 * or interrupted write leaves the target as it was (absent, or the previous complete file), never half a file.
 */
export class TempFile {
  readonly path: string;

  constructor(readonly target: string) {
    this.path = join(
      dirname(target),
      `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
  }

  /** Renames the finished (and already flushed) temporary file over the target. */
  async commit(): Promise<void> {
    await rename(this.path, this.target);
    await syncDirectory(dirname(this.target));
  }

  /** Removes the temporary file; the target is untouched. */
  async discard(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
