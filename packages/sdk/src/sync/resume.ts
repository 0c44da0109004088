import type { Checkpoint, InputIdentity, RunState, SyncMode } from './checkpoint';
import { SyncError } from './errors';

/**
 * `true`: continue the interrupted run the checkpoint records, and refuse when there is none (`unsilo sync
 * --resume`). `'if-interrupted'`: continue it when there is one, else start a new run (a sync started again
 * and again, such as the editor's command). `false`: start a new run.
 */
export type ResumeMode = boolean | 'if-interrupted';

export interface ResumeRequest {
  resume: ResumeMode | undefined;
  checkpointPath: string | undefined;
  previous: Checkpoint | undefined;
  mode: SyncMode;
  /** The mapping digest of this run. */
  digest: string;
  batchSize: number;
  input: InputIdentity | undefined;
}

/**
 * The interrupted run this sync continues, or undefined for a new run. A resume must never turn into a new
 * run: a new run builds on the last completed one, so all its batches carry new Idempotency-Keys and the
 * exchange would apply every row again — each record twice in the change feed.
 */
export function runToResume(request: ResumeRequest): RunState | undefined {
  const { resume, checkpointPath, previous } = request;
  if (resume === undefined || resume === false) return undefined;
  if (!checkpointPath) {
    throw new SyncError(
      'sync.invalid_options',
      'resume needs the checkpoint file of the interrupted run',
      '续传需要指定中断任务的检查点文件',
    );
  }
  const run = previous?.run;
  if (!run || run.completed) {
    if (resume === 'if-interrupted') return undefined;
    throw nothingToResume(checkpointPath, previous, request.mode);
  }
  checkSameRun(request, run);
  return run;
}

function nothingToResume(path: string, previous: Checkpoint | undefined, mode: SyncMode): SyncError {
  if (!previous) {
    return new SyncError(
      'sync.no_checkpoint',
      `No ${mode}-mode checkpoint at ${path}, so there is no interrupted run to resume; nothing was sent. Each mode keeps its own checkpoint: resume with the --mode of the interrupted run, run without --resume to start a sync, or name the interrupted run's checkpoint with --checkpoint.`,
      `${path} 处没有${MODE_ZH[mode]}同步的检查点，没有可续传的中断任务；未发送任何数据。每种模式各有检查点：请用中断任务的 --mode 续传，或不带 --resume 运行以开始同步，或用 --checkpoint 指定中断任务的检查点文件。`,
    );
  }
  const run = previous.run;
  if (!run) {
    return new SyncError(
      'sync.nothing_to_resume',
      `Nothing to resume: ${path} records no run; nothing was sent. Run without --resume to start a sync.`,
      `没有可续传的任务：${path} 中没有任何同步记录；未发送任何数据。请不带 --resume 运行以开始同步。`,
    );
  }
  const at = run.completedAt ?? 'an unrecorded time';
  const { accepted, rejected, unchanged } = run.counts;
  return new SyncError(
    'sync.nothing_to_resume',
    `Nothing to resume: ${path} records run ${run.id}, completed at ${at} (${accepted} accepted, ${rejected} rejected, ${unchanged} unchanged); nothing was sent. Run without --resume to start a new sync.`,
    `没有可续传的任务：${path} 记录的同步 ${run.id} 已于 ${at} 完成（接收 ${accepted}，拒收 ${rejected}，未变化 ${unchanged}）；未发送任何数据。如需再次同步，请不带 --resume 运行。`,
  );
}

const MODE_ZH: Record<SyncMode, string> = {
  full: '全量（full）',
  incremental: '增量（incremental）',
  snapshot: '快照（snapshot）',
};

/** A resume must send the very batches the interrupted run sent, or their keys would differ. */
function checkSameRun(request: ResumeRequest, run: RunState): void {
  const previous = request.previous!;
  if (
    previous.mode !== request.mode ||
    previous.mapping !== request.digest ||
    run.batchSize !== request.batchSize
  ) {
    throw new SyncError(
      'sync.resume_mismatch',
      `Cannot resume: the checkpoint was written with mode ${previous.mode}, batch size ${run.batchSize} and another mapping version (or these differ now). Start a new run without --resume.`,
      `无法续传：检查点记录的模式（${previous.mode}）、批大小（${run.batchSize}）或映射版本与本次不同。请不带 --resume 重新运行。`,
    );
  }
  const before = run.input;
  const now = request.input;
  if (before && now && (before.size !== now.size || before.mtimeMs !== now.mtimeMs)) {
    throw new SyncError(
      'sync.input_changed',
      `Cannot resume: ${now.path} changed since the interrupted run (size ${before.size} → ${now.size} bytes). Start a new run without --resume; a batch already delivered is replayed, not applied again, only where its rows and their position are unchanged.`,
      `无法续传：${now.path} 在中断后已被修改（大小 ${before.size} → ${now.size} 字节）。请不带 --resume 重新运行；仅当已送达批次的行及其位置未变时，该批才会重放而不会重复写入。`,
    );
  }
}
