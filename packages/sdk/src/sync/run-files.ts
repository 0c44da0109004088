import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Checkpoint, type RunState, receiptsPathFor, type SyncMode } from './checkpoint';
import { type SyncOptions, usage } from './sync-options';

/** Where a run keeps its files. Without a checkpoint a run keeps no receipts and cannot be resumed. */
export interface RunFiles {
  checkpoint: string | undefined;
  /** Receipts NDJSON: the one the checkpoint names, else beside the checkpoint. */
  receipts: string | undefined;
  /** Rejected rows NDJSON: as given, or the interrupted run's, else beside the checkpoint. */
  rejects: string | undefined;
  /** Snapshot mode's state file: as given, else beside the checkpoint. */
  state: string | undefined;
  /** Snapshot mode's list of held deletes (NDJSON): beside the checkpoint, else beside the state file. */
  heldDeletes: string | undefined;
}

/** The files of a run, their folders created; snapshot mode without a state file is refused. */
export async function runFilesOf(
  options: Pick<SyncOptions, 'checkpoint' | 'rejects' | 'state'>,
  mode: SyncMode,
  previous: Checkpoint | undefined,
  resumed: RunState | undefined,
): Promise<RunFiles> {
  const checkpoint = options.checkpoint;
  const beside = (suffix: string) =>
    checkpoint ? `${checkpoint.replace(/\.json$/i, '')}${suffix}` : undefined;
  const files: RunFiles = {
    checkpoint,
    receipts: checkpoint ? (previous?.receipts.file ?? receiptsPathFor(checkpoint)) : undefined,
    rejects: options.rejects ?? resumed?.rejects?.file ?? beside('.rejects.ndjson'),
    state: options.state ?? beside('.state'),
    heldDeletes: undefined,
  };
  if (mode === 'snapshot' && files.state) {
    files.heldDeletes = beside('.held-deletes.ndjson') ?? `${files.state}.held-deletes.ndjson`;
  }
  if (mode === 'snapshot' && !files.state) {
    throw usage('snapshot mode needs a checkpoint or state file', '快照模式需要检查点或状态文件');
  }
  for (const path of [files.checkpoint, files.receipts, files.rejects, files.state]) {
    if (path) await mkdir(dirname(path), { recursive: true });
  }
  return files;
}
