import type { ExchangeClient } from '../client';
import type { Schema } from '../generated';
import { ConsumeError } from './consume-error';
import { readEntryShape } from './entry-shape';
import { type FollowState, type LocalCopy, loadCopy, loadState, recordId, saveFollow } from './local-copy';

export interface FollowCounts {
  /** Upserts applied by this run. */
  upserts: number;
  /** Deletes applied by this run. */
  deletes: number;
  /** Records in the copy now. */
  records: number;
}

export interface FollowPage extends FollowCounts {
  cursor: string;
}

export interface FollowChangesOptions {
  client: ExchangeClient;
  code: string;
  /** The local copy: an NDJSON file of the current records. */
  copy: string;
  /** The state file holding the feed position. */
  state: string;
  /** Stop at the end of the feed instead of polling. */
  once?: boolean;
  /** Pause between polls when not `once` (default 60 s). */
  intervalMs?: number;
  /** Stops after the page being applied (or at once while waiting for the next poll). */
  signal?: AbortSignal;
  /** Called after each page applied and saved. */
  onPage?: (page: FollowPage) => void;
  /** Changes per request (1..1000, default 1000). */
  pageSize?: number;
}

/**
 * Keeps a local copy of a resource current from its change feed. Each page of changes is applied to the copy,
 * then the copy and the position are saved (each atomically, copy first), so an interrupted follow resumes
 * where it stopped: at worst one page is applied again, and upserts and deletes by key change nothing the
 * second time.
 */
export async function followChanges(options: FollowChangesOptions): Promise<FollowCounts> {
  const { key } = await readEntryShape(options.client, options.code);
  if (key.length === 0) {
    throw new ConsumeError(
      'follow.key_undeclared',
      `${options.code} declares no record key: its changes cannot be matched to records`,
      `${options.code} 未声明记录主键，无法把变更对应到记录`,
    );
  }
  const files = { copy: options.copy, state: options.state };
  const saved = await loadState(options.state, options.code);
  let state: FollowState = saved ?? {
    resource: options.code,
    cursor: null,
    updatedAt: new Date().toISOString(),
  };
  // Without a state the feed is read from its start, which rebuilds the whole copy: an older copy is replaced.
  const copy = saved ? await loadCopy(options.copy, key, saved) : new Map();
  const counts: FollowCounts = { upserts: 0, deletes: 0, records: copy.size };
  for (;;) {
    state = await drainFeed(options, key, copy, state, counts);
    // A first follow of an empty feed still leaves its files (an empty copy); a refused one (403) leaves none.
    if (!saved && state.cursor === null) await saveFollow(files, copy, state);
    if (options.once || options.signal?.aborted) return counts;
    await pause(options.intervalMs ?? 60_000, options.signal);
    if (options.signal?.aborted) return counts;
  }
}

/** Applies and saves page after page up to the end of the feed (or an abort); returns the state reached. */
async function drainFeed(
  options: FollowChangesOptions,
  key: readonly string[],
  copy: LocalCopy,
  start: FollowState,
  counts: FollowCounts,
): Promise<FollowState> {
  let state = start;
  const query = { limit: options.pageSize ?? 1000, ...(state.cursor ? { after: state.cursor } : {}) };
  // The signal is not passed to the requests: a stop waits for the page in hand to be applied and saved.
  for await (const page of options.client.records.changes(options.code, query).pages()) {
    if (page.items.length === 0 || page.nextCursor === null) break;
    applyChanges(copy, key, page.items, counts);
    state = { resource: options.code, cursor: page.nextCursor, updatedAt: new Date().toISOString() };
    await saveFollow({ copy: options.copy, state: options.state }, copy, state);
    options.onPage?.({ ...counts, cursor: page.nextCursor });
    if (options.signal?.aborted) break;
  }
  return state;
}

export function applyChanges(
  copy: LocalCopy,
  key: readonly string[],
  changes: readonly Schema<'Change'>[],
  counts: FollowCounts,
): void {
  for (const change of changes) {
    const id = recordId(change.key, key);
    if (change.op === 'delete' || change.record === undefined) {
      copy.delete(id);
      counts.deletes += 1;
    } else {
      copy.set(id, change.record);
      counts.upserts += 1;
    }
  }
  counts.records = copy.size;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
