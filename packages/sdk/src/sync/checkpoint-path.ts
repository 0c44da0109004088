import { rename, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCheckpoint, receiptsPathFor, type SyncMode, saveCheckpoint } from './checkpoint';
import { type SyncShard, shardLabel } from './shard';

/**
 * The default checkpoint of a resource and mode: `.unsilo/sync/<resource>.<mode>.json` under `folder`. Each mode
 * keeps its own (with its receipts, rejects and snapshot state beside it), so a full run never overwrites the
 * watermark of the incremental runs; so does each shard of a sharded sync:
 * `.unsilo/sync/<resource>.<mode>.shard-<i>-of-<n>.json`.
 */
export function defaultCheckpointPath(
  folder: string,
  resource: string,
  mode: SyncMode,
  shard?: SyncShard,
): string {
  const part = shard ? `.${shardLabel(shard)}` : '';
  return resolve(folder, '.unsilo/sync', `${fileStem(resource)}.${mode}${part}.json`);
}

/** The checkpoint unsilo kept per resource before each mode had its own: `.unsilo/sync/<resource>.json`. */
export function legacyCheckpointPath(folder: string, resource: string): string {
  return resolve(folder, '.unsilo/sync', `${fileStem(resource)}.json`);
}

/**
 * Moves a per-resource checkpoint of an earlier unsilo to the per-mode name, once, when its recorded mode is
 * `mode` and the per-mode checkpoint does not exist yet — so its watermark, generation and any interrupted run
 * carry over. Its receipts and rejects files stay where they are (the checkpoint names them); a snapshot state
 * beside it moves to the per-mode name. The old file is renamed to `<resource>.json.migrated`: read again
 * after the per-mode checkpoint were deleted, it would bring back a generation already used. A legacy
 * checkpoint of another mode is left for a run of that mode. Returns the legacy file's path when it was adopted.
 */
export async function adoptLegacyCheckpoint(
  folder: string,
  resource: string,
  mode: SyncMode,
): Promise<string | undefined> {
  const target = defaultCheckpointPath(folder, resource, mode);
  const legacy = legacyCheckpointPath(folder, resource);
  if (await exists(target)) return undefined;
  const old = await loadCheckpoint(legacy);
  if (!old || old.mode !== mode || old.resource !== resource) return undefined;
  // The state moves first: a crash before the checkpoint is written leaves the legacy one to adopt again.
  if (mode === 'snapshot') await moveIfPresent(beside(legacy, '.state'), beside(target, '.state'));
  await saveCheckpoint(target, {
    ...old,
    receipts: { ...old.receipts, file: old.receipts.file || receiptsPathFor(legacy) },
  });
  await rename(legacy, `${legacy}.migrated`);
  return legacy;
}

function fileStem(resource: string): string {
  return resource.replace(/[^0-9A-Za-z]+/g, '-');
}

/** A file that belongs to a checkpoint, as `runFilesOf` names them: the checkpoint's name without `.json`, then `suffix`. */
function beside(checkpoint: string, suffix: string): string {
  return `${checkpoint.replace(/\.json$/i, '')}${suffix}`;
}

async function moveIfPresent(from: string, to: string): Promise<void> {
  if ((await exists(from)) && !(await exists(to))) await rename(from, to);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
