import { randomBytes } from 'node:crypto';
import { open, rename, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `data` so that a crash at any instant leaves either the old file or the new one,
 * never a torn mix: write a temporary file beside it, fsync it, rename over the target, fsync the directory
 * (the rename itself is only durable once the directory entry is on disk).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDirectory(dir);
}

export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a directory (EISDIR/EINVAL/EPERM); the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/** An append-only NDJSON file whose durable length can be recorded and later restored (truncating a torn tail). */
export class AppendLog {
  private handle: Awaited<ReturnType<typeof open>> | undefined;
  private length = 0;
  private dirty = false;

  private constructor(readonly path: string) {}

  /** Opens the log; `keepBytes` cuts it back to a length a checkpoint vouched for (undefined: start empty). */
  static async open(path: string, keepBytes?: number): Promise<AppendLog> {
    const log = new AppendLog(path);
    if (keepBytes === undefined) {
      log.handle = await open(path, 'w', 0o600);
      log.length = 0;
    } else {
      const size = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) {
        if (keepBytes > 0) throw Object.assign(new Error(`${path} is missing`), { code: 'ENOENT' });
        log.handle = await open(path, 'w', 0o600);
      } else {
        if (size < keepBytes) {
          throw Object.assign(
            new Error(`${path} is shorter (${size} B) than the checkpoint says (${keepBytes} B)`),
            {
              code: 'ESHORT',
            },
          );
        }
        if (size > keepBytes) await truncate(path, keepBytes);
        log.handle = await open(path, 'a', 0o600);
      }
      log.length = keepBytes;
    }
    return log;
  }

  get bytes(): number {
    return this.length;
  }

  async append(text: string): Promise<void> {
    if (text === '') return;
    const buffer = Buffer.from(text, 'utf8');
    await this.handle!.write(buffer);
    this.length += buffer.length;
    this.dirty = true;
  }

  /** Makes everything appended so far durable; returns the durable length. */
  async sync(): Promise<number> {
    if (this.dirty) {
      await this.handle!.sync();
      this.dirty = false;
    }
    return this.length;
  }

  async close(): Promise<void> {
    await this.sync();
    await this.handle?.close();
    this.handle = undefined;
  }
}
