import { stat } from 'node:fs/promises';
import { pumpSource } from '../../sources/index';
import { type ByteSource, isReject } from '../../sources/types';
import type { CompiledMapping } from '../compile';
import {
  type DuplicateGuard,
  type DuplicatePlan,
  type DuplicatePolicy,
  type DuplicateScan,
  prescannedGuard,
  streamingGuard,
} from '../duplicate-keys';
import { KeyScan } from '../key-scan';
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

/**
 * A pass over a file computing only each row's key; rows the reader cannot read take no part. When some key's
 * hash was seen before, a second pass reads the keys of the first rows of those hashes again, up to the last
 * such row.
 */
export async function scanKeys(compiled: CompiledMapping, path: string): Promise<DuplicatePlan> {
  const scan = new KeyScan();
  await readRows(compiled, path, (row, values) => {
    scan.add(row, compiled.keyOf(values));
    return true;
  });
  const wanted = scan.rereadRows();
  let next = 0;
  if (wanted.length > 0)
    await readRows(compiled, path, (row, values) => {
      while (next < wanted.length && wanted[next]! < row) next++;
      if (wanted[next] === row) scan.reread(wanted[next++]!, compiled.keyOf(values));
      return next < wanted.length;
    });
  return scan.plan();
}

/** Thrown between chunks to stop reading once `take` wants no more rows. */
const enough = new Error('enough rows read');

/** Hands each readable row of a file to `take` until it returns false (or the file ends). */
async function readRows(
  compiled: CompiledMapping,
  path: string,
  take: (row: number, values: Readonly<Record<string, string>>) => boolean,
): Promise<void> {
  const mapping = compiled.mapping;
  let more = true;
  const sink = {
    push(item: Parameters<typeof isReject>[0]) {
      if (more && !isReject(item)) more = take(item.row, item.values);
    },
  };
  const between = async () => {
    if (!more) throw enough;
  };
  await pumpSource(path, mapping.source.format, readerOptionsOf(mapping), sink, between).catch(
    (error: unknown) => {
      if (error !== enough) throw error;
    },
  );
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
