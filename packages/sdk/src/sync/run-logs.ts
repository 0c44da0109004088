import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppendLog } from './atomic-file';
import type { RunState } from './checkpoint';
import { SyncError } from './errors';
import type { PipelineBatch, RejectEntry } from './pipeline';
import type { RunFiles } from './run-files';

/**
 * The append-only logs of a run: receipts (proof of delivery) and rejected rows. Opened cut back to the length
 * the checkpoint recorded, so that lines written after the last checkpoint (a crash) are not kept twice.
 */
export interface RunLogs {
  receipts: AppendLog | undefined;
  rejects: AppendLog | undefined;
}

export async function openRunLogs(
  files: RunFiles,
  receiptBytes: number,
  run: RunState,
  resuming: boolean,
): Promise<RunLogs> {
  const receipts = files.receipts ? await openLog(files.receipts, receiptBytes) : undefined;
  const rejects = files.rejects
    ? await openLog(files.rejects, resuming ? run.rejects?.bytes : undefined)
    : undefined;
  return { receipts, rejects };
}

/** Appends what a committed batch leaves behind: its rejected rows, its receipt. */
export async function logBatch(logs: RunLogs, runId: string, batch: PipelineBatch): Promise<void> {
  if (logs.rejects && batch.rejects.length > 0)
    await logs.rejects.append(batch.rejects.map(rejectLine).join(''));
  if (logs.receipts && batch.outcome) {
    const rows = batch.upserts.length > 0 ? [batch.upserts[0]!.row, batch.upserts.at(-1)!.row] : null;
    const { index, idempotencyKey } = batch;
    const line = { run: runId, batch: index, rows, idempotencyKey, receipt: batch.outcome.receipt };
    await logs.receipts.append(`${JSON.stringify(line)}\n`);
  }
}

export async function closeRunLogs(logs: RunLogs): Promise<void> {
  await logs.receipts?.close();
  await logs.rejects?.close();
}

function rejectLine(entry: RejectEntry): string {
  const line: Record<string, unknown> = { row: entry.row, errors: entry.errors };
  if (entry.op === 'delete') {
    line.op = 'delete';
    line.key = entry.key;
  } else {
    line.source = entry.source;
  }
  line.stage = entry.stage;
  return `${JSON.stringify(line)}\n`;
}

async function openLog(path: string, keepBytes: number | undefined): Promise<AppendLog> {
  try {
    return await AppendLog.open(path, keepBytes);
  } catch (error) {
    throw new SyncError(
      'sync.log_invalid',
      `${path} no longer matches the checkpoint (${(error as Error).message}). Start a new run without --resume.`,
      `${path} 与检查点不一致（${(error as Error).message}），请不带 --resume 重新运行。`,
      { cause: error },
    );
  }
}

/** The data rows already in a rejects file (a resumed snapshot run must not record them as delivered). */
export async function rejectedRows(path: string): Promise<Set<number>> {
  const rows = new Set<number>();
  try {
    const lines = createInterface({
      input: createReadStream(path, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = JSON.parse(line) as { row?: unknown };
      if (typeof parsed.row === 'number') rows.add(parsed.row);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return rows;
}
