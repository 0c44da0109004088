import { stat } from 'node:fs/promises';
import { pumpSource } from '../../sources/index';
import { type ByteSource, isReject } from '../../sources/types';
import type { CompiledMapping } from '../compile';
import {
  type DuplicateGuard,
  type DuplicatePlan,
  type DuplicatePolicy,
  type DuplicateScan,
  KeyScan,
  prescannedGuard,
  streamingGuard,
} from '../duplicate-keys';
import { readerOptionsOf } from './read-sample';

/** The duplicate guard of a run, and how its duplicates were found (`none`: the mapping has no key). */
export interface RunDuplicates {
  guard?: DuplicateGuard;
  scan: DuplicateScan | 'none';
}

/**
 * The duplicate guard for a run over `input`: a file is pre-scanned for its keys (one pass computing only the
 * key fields), anything else (stdin, a stream) gets the streaming guard. `last` on an input that cannot be
 * pre-scanned returns `needs-prescan`: which row is last cannot be known while streaming.
 */
export async function duplicatesOf(
  compiled: CompiledMapping,
  input: ByteSource,
  policy: DuplicatePolicy,
): Promise<RunDuplicates | 'needs-prescan'> {
  if (compiled.key.length === 0) return { scan: 'none' };
  if (await isRegularFile(input)) {
    const plan = await scanKeys(compiled, input as string);
    return { guard: prescannedGuard(plan, policy, compiled.key), scan: 'prescanned' };
  }
  if (policy === 'last') return 'needs-prescan';
  return { guard: streamingGuard(compiled.key), scan: 'streaming' };
}

/** One pass over a file computing only each row's key; rows the reader cannot read take no part. */
export async function scanKeys(compiled: CompiledMapping, path: string): Promise<DuplicatePlan> {
  const scan = new KeyScan();
  const mapping = compiled.mapping;
  const sink = {
    push(item: Parameters<typeof isReject>[0]) {
      if (!isReject(item)) scan.add(item.row, compiled.keyOf(item.values));
    },
  };
  await pumpSource(path, mapping.source.format, readerOptionsOf(mapping), sink, async () => {});
  return scan.plan();
}

/** A path to a regular file can be read twice; a pipe, a device (`/dev/stdin`) or a stream cannot. */
async function isRegularFile(input: ByteSource): Promise<boolean> {
  if (typeof input !== 'string') return false;
  try {
    return (await stat(input)).isFile();
  } catch {
    return false;
  }
}
