import { heldDeletesMessage, type SyncProgress, type SyncResult } from '@unsilo/sdk/sync';
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

/**
 * Rows rejected on either side (refused before sending, or by the exchange) over the rows read: the exchange's
 * quality figure `rowRejectRate` is the same share over every reported run.
 */
export function runRejectRate(result: Pick<SyncResult, 'read' | 'rejected'>): number {
  return result.read === 0 ? 0 : result.rejected / result.read;
}

/** Snapshot deletes held back: how many, why, where they are listed and how to apply them after review. */
function heldDeletesLine(held: NonNullable<SyncResult['heldDeletes']>, lang: Lang): string {
  const message = heldDeletesMessage(held, 'cli');
  return lang === 'zh' ? message.zh : message.en;
}

/** `[分片 2/4] ` / `[shard 2/4] ` before a sharded run's summary; nothing for an unsharded one. */
function shardLabel(result: SyncResult, lang: Lang): string {
  if (!result.shard) return '';
  const { index, count } = result.shard;
  return lang === 'zh' ? `[分片 ${index}/${count}] ` : `[shard ${index}/${count}] `;
}

/** The run's figures on stdout: one JSON line, or a sentence with where the rejects and receipts are. */
export function printSummary(result: SyncResult, format: string, lang: Lang): void {
  const rate = runRejectRate(result);
  const summary = {
    read: result.read,
    accepted: result.accepted,
    rejected: result.rejected,
    rejectRate: rate,
    unchanged: result.unchanged,
    replaced: result.replaced,
    ...(result.shard ? { shard: result.shard, outOfShard: result.outOfShard } : {}),
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
    ...(result.heldDeletes ? { heldDeletes: result.heldDeletes } : {}),
    duplicateScan: result.duplicateScan,
    ...(result.report ? { report: result.report } : {}),
  };
  const percent = `${(rate * 100).toFixed(2)} %`;
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const shardPrefix = shardLabel(result, lang);
    const lines =
      lang === 'zh'
        ? [
            `${shardPrefix}${result.completed ? '同步完成' : '已停止（可用 --resume 续传）'}：读取 ${result.read} 行，接收 ${result.accepted}，拒收 ${result.rejected}，未变化 ${result.unchanged}${result.replaced ? `，被替代 ${result.replaced}` : ''}${result.shard ? `，属其他分片 ${result.outOfShard}` : ''}，删除 ${result.deleted}；${result.batches} 批，重试 ${result.retries} 次，用时 ${(result.durationMs / 1000).toFixed(1)} 秒`,
            `拒收率（本地拒收与平台拒收之和 ÷ 读取行数）：${percent}`,
            result.rejected > 0 ? `拒收行及原因：${result.rejectsFile}` : '',
            `回执（交付凭证）：${result.receipts}`,
          ]
        : [
            `${shardPrefix}${result.completed ? 'Sync complete' : 'Stopped (continue with --resume)'}: read ${result.read}, accepted ${result.accepted}, rejected ${result.rejected}, unchanged ${result.unchanged}${result.replaced ? `, replaced ${result.replaced}` : ''}${result.shard ? `, other shards ${result.outOfShard}` : ''}, deleted ${result.deleted}; ${result.batches} batches, ${result.retries} retries, ${(result.durationMs / 1000).toFixed(1)} s`,
            `Reject rate (refused locally + rejected by the exchange, over rows read): ${percent}`,
            result.rejected > 0 ? `Rejected rows with reasons: ${result.rejectsFile}` : '',
            `Receipts (proof of delivery): ${result.receipts}`,
          ];
    if (result.heldDeletes) lines.push(heldDeletesLine(result.heldDeletes, lang));
    if (result.report?.reported === false) {
      lines.push(
        lang === 'zh'
          ? `未能向交换平台报告本次运行（质量数字不含本次本地拒收）：${result.report.reason}`
          : `The run could not be reported to the exchange (its quality figures miss this run's local refusals): ${result.report.reason}`,
      );
    }
    process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
  }
}
