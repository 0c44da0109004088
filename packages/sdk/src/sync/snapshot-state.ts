import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { syncDirectory } from './atomic-file';
import { SyncError } from './errors';
import { inRange, ownsKey, type SyncShard } from './shard';

/**
 * The format version of the state files this unsilo writes, and the newest it reads. Every state file written
 * so far is version 1. (Its hashes were once taken over the record's JSON in field order, now over its
 * canonical JSON: a file from then still reads, and a row whose hash differs only so is sent once more.)
 */
export const SNAPSHOT_STATE_VERSION = 1;

/** The first line: `#unsilo-snapshot v<version> <resource>`. */
const HEADER = /^#unsilo-snapshot v(\d+) (.+)$/;
/** A key's line: `<hash><TAB><key values as a JSON array>`; a hash is `recordHash`'s 16 base64url characters. */
const ENTRY = /^[A-Za-z0-9_-]{16}\t\[.*\]$/;

/**
 * For legacy systems with no update time: the content hash of every key last acknowledged by the exchange.
 * A row whose hash is unchanged is not sent again; a key that vanished from the export becomes a delete.
 * The file is the header line then one entry line per key; it is replaced atomically, and only after every
 * batch of the run has been acknowledged.
 */
export class SnapshotState {
  constructor(
    readonly resource: string,
    /** key (JSON array of the key values) → content hash */
    readonly hashes: Map<string, string> = new Map(),
  ) {}

  /**
   * Forgets the keys of other shards — by hash, or outside the shard's key range: a sharded run's deletes never
   * reach a key another worker owns.
   */
  keepShard(shard: SyncShard): void {
    const { range } = shard;
    const owned = range ? (key: string) => inRange(key, range) : (key: string) => ownsKey(key, shard);
    for (const key of this.hashes.keys()) if (!owned(key)) this.hashes.delete(key);
  }

  static async load(path: string, resource: string): Promise<SnapshotState> {
    const state = new SnapshotState(resource);
    let stream: ReturnType<typeof createReadStream>;
    try {
      stream = createReadStream(path, { encoding: 'utf8' });
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return state;
      throw error;
    }
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo += 1;
      if (lineNo === 1) {
        checkHeader(line, path, resource);
        continue;
      }
      if (line === '') continue;
      if (!ENTRY.test(line)) throw damaged(path, lineNo);
      state.hashes.set(line.slice(17), line.slice(0, 16));
    }
    // An empty file is no state: a state file always has its header, even with no key.
    if (lineNo === 0) throw damaged(path, 1);
    return state;
  }

  async save(path: string): Promise<void> {
    const dir = dirname(path);
    const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      let chunk = `#unsilo-snapshot v${SNAPSHOT_STATE_VERSION} ${this.resource}\n`;
      for (const [key, hash] of this.hashes) {
        chunk += `${hash}\t${key}\n`;
        if (chunk.length > 1 << 20) {
          await handle.write(chunk);
          chunk = '';
        }
      }
      await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDirectory(dir);
  }
}

/**
 * A short, stable content hash of one record from its canonical JSON (96 bits are plenty to notice a change of
 * one key's row).
 */
export function recordHash(json: string | Uint8Array): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 16);
}

/** The state-file key of a record: its key values, in the mapping's key order. */
export function keyOf(record: Record<string, unknown>, keyFields: readonly string[]): string {
  return JSON.stringify(keyFields.map((field) => record[field] ?? null));
}

/** Rebuilds the delete operation of a state-file key. */
export function deleteOpFor(key: string, keyFields: readonly string[]): Record<string, string | number> {
  const values = JSON.parse(key) as Array<string | number>;
  const op: Record<string, string | number> = {};
  keyFields.forEach((field, i) => {
    op[field] = values[i] as string | number;
  });
  return op;
}

/** Reads the header: a state of this format and of `resource`, else a refusal that says what to do. */
function checkHeader(line: string, path: string, resource: string): void {
  const header = HEADER.exec(line);
  const version = Number(header?.[1]);
  if (!header || version < 1) throw damaged(path, 1);
  if (version > SNAPSHOT_STATE_VERSION) {
    throw new SyncError(
      'sync.state_too_new',
      `Snapshot state ${path} was written by a newer unsilo (format version ${version}; this one reads up to ${SNAPSHOT_STATE_VERSION}). Upgrade unsilo, or delete it (or name another file with --state) to send every row again.`,
      `快照状态文件 ${path} 由更新版本的 unsilo 写入（格式版本 ${version}，本版本最高可读 ${SNAPSHOT_STATE_VERSION}）。请升级 unsilo；或删除该文件（或用 --state 指定其他文件），将重新发送全部数据。`,
    );
  }
  const owner = header[2];
  if (owner !== resource) {
    throw new SyncError(
      'sync.state_mismatch',
      `Snapshot state ${path} belongs to resource ${owner}, not ${resource}.`,
      `快照状态文件 ${path} 属于资源 ${owner}，而非 ${resource}。`,
    );
  }
}

function damaged(path: string, line: number): SyncError {
  return new SyncError(
    'sync.state_invalid',
    `Snapshot state ${path} is damaged at line ${line}. Delete it (or name another file with --state) to send every row again.`,
    `快照状态文件 ${path} 第 ${line} 行已损坏。删除该文件（或用 --state 指定其他文件）后将重新发送全部数据。`,
  );
}
