import { readFile } from 'node:fs/promises';
import type { DataRecord, RecordKey } from '../generated';
import { writeFileAtomic } from '../sync/atomic-file';
import { ConsumeError } from './consume-error';

/** Where a follow stands: the feed position after the last change applied to the copy. */
export interface FollowState {
  resource: string;
  /** The last `nextCursor` applied; null before the first change. */
  cursor: string | null;
  updatedAt: string;
}

/** The local copy: current records by record key, in the order they first appeared. */
export type LocalCopy = Map<string, DataRecord>;

/** One record's identity: its key items' values, in the entry's key order (numbers and text alike as text). */
export function recordId(values: RecordKey | DataRecord, key: readonly string[]): string {
  return JSON.stringify(key.map((item) => String(values[item] ?? '')));
}

export async function loadState(path: string, code: string): Promise<FollowState | undefined> {
  const text = await readIfPresent(path);
  if (text === undefined) return undefined;
  let state: FollowState;
  try {
    state = JSON.parse(text) as FollowState;
  } catch (error) {
    throw new ConsumeError(
      'follow.state_invalid',
      `${path} is not a follow state file`,
      `${path} 不是跟随状态文件`,
      {
        cause: error,
      },
    );
  }
  if (state.resource !== code) {
    throw new ConsumeError(
      'follow.state_mismatch',
      `${path} follows ${state.resource}, not ${code}: give another --state`,
      `${path} 跟随的是 ${state.resource} 而不是 ${code}：请另指定 --state`,
    );
  }
  return state;
}

/** The copy a state vouches for. A state with a position but no copy would resume with records missing. */
export async function loadCopy(path: string, key: readonly string[], state: FollowState): Promise<LocalCopy> {
  const copy: LocalCopy = new Map();
  const text = await readIfPresent(path);
  if (text === undefined) {
    if (state.cursor === null) return copy;
    throw new ConsumeError(
      'follow.copy_missing',
      `${path} is missing but the state file has a position: remove the state file to copy again from the start`,
      `${path} 不存在，但状态文件记有位置：删除状态文件即可从头重新复制`,
    );
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as DataRecord;
    copy.set(recordId(record, key), record);
  }
  return copy;
}

/** Copy first, then state, each atomically: a crash between them re-applies one page, which changes nothing. */
export async function saveFollow(
  files: { copy: string; state: string },
  copy: LocalCopy,
  state: FollowState,
): Promise<void> {
  let text = '';
  for (const record of copy.values()) text += `${JSON.stringify(record)}\n`;
  await writeFileAtomic(files.copy, text);
  await writeFileAtomic(files.state, `${JSON.stringify(state, null, 2)}\n`);
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
