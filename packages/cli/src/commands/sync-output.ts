import type { SyncProgress, SyncResult } from '@unsilo/sdk/sync';
import { SingleBar } from 'cli-progress';
import type { Lang } from '../util/lang';

/** Where `unsilo sync` shows its progress. */
export interface ProgressOutput {
  update(progress: SyncProgress): void;
  stop(): void;
}

export const noProgress: ProgressOutput = { update: () => {}, stop: () => {} };

/** A bar on a terminal; JSON progress lines on stderr otherwise (for CI logs and the editor). */
export function progressOutput(
  flags: { progress: boolean; format: string },
  lang: Lang,
  total: number | undefined,
): ProgressOutput {
  if (!flags.progress) return noProgress;
  if (process.stderr.isTTY && flags.format !== 'json') {
    const bar = new SingleBar({
      stream: process.stderr,
      format:
        lang === 'zh'
          ? '{bar} {value}/{total} 行 | {rate} 行/秒 | 剩余 {eta_formatted} | 拒收 {rejected}'
          : '{bar} {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | rejected {rejected}',
      hideCursor: true,
      etaBuffer: 50,
    });
    bar.start(total ?? 0, 0, { rate: 0, rejected: 0 });
    return {
      update: (p: SyncProgress) => {
        if (total === undefined) bar.setTotal(Math.max(p.read, 1));
        bar.update(p.read, { rate: p.rowsPerSecond, rejected: p.rejected });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    update: (p: SyncProgress) => process.stderr.write(`${JSON.stringify({ event: 'progress', ...p })}\n`),
    stop: () => {},
  };
}

/** The run's figures on stdout: one JSON line, or a sentence with where the rejects and receipts are. */
export function printSummary(result: SyncResult, format: string, lang: Lang): void {
  const summary = {
    read: result.read,
    accepted: result.accepted,
    rejected: result.rejected,
    unchanged: result.unchanged,
    deleted: result.deleted,
    batches: result.batches,
    retries: result.retries,
    durationMs: result.durationMs,
    completed: result.completed,
    resumed: result.resumed,
    checkpoint: result.checkpoint,
    receipts: result.receipts,
    rejects: result.rejectsFile,
    ...(result.deletesWithheld ? { deletesWithheld: result.deletesWithheld } : {}),
  };
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const lines =
      lang === 'zh'
        ? [
            `${result.completed ? '同步完成' : '已停止（可用 --resume 续传）'}：读取 ${result.read} 行，接收 ${result.accepted}，拒收 ${result.rejected}，未变化 ${result.unchanged}，删除 ${result.deleted}；${result.batches} 批，重试 ${result.retries} 次，用时 ${(result.durationMs / 1000).toFixed(1)} 秒`,
            result.rejected > 0 ? `拒收行及原因：${result.rejectsFile}` : '',
            `回执（交付凭证）：${result.receipts}`,
          ]
        : [
            `${result.completed ? 'Sync complete' : 'Stopped (continue with --resume)'}: read ${result.read}, accepted ${result.accepted}, rejected ${result.rejected}, unchanged ${result.unchanged}, deleted ${result.deleted}; ${result.batches} batches, ${result.retries} retries, ${(result.durationMs / 1000).toFixed(1)} s`,
            result.rejected > 0 ? `Rejected rows with reasons: ${result.rejectsFile}` : '',
            `Receipts (proof of delivery): ${result.receipts}`,
          ];
    if (result.deletesWithheld) lines.push(result.deletesWithheld);
    process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
  }
}
