import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExchangeError, ExchangeHttpError } from '@unsilo/sdk';
import { compileMapping, parseMapping } from '@unsilo/sdk/mapping';
import {
  clientFromSettings,
  createClientPusher,
  mappingDigest,
  readSource,
  resolveExchangeSettings,
  SyncError,
  type SyncMode,
  type SyncProgress,
  type SyncResult,
  sync,
  syncMappingOf,
} from '@unsilo/sdk/sync';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { preferSmallHeap } from '../util/heap';
import { type Lang, resolveLang } from '../util/lang';

interface SyncFlags {
  mapping: string;
  input: string;
  checkpoint?: string;
  rejects?: string;
  state?: string;
  mode: string;
  watermark?: string;
  resume?: boolean;
  batchSize: string;
  concurrency: string;
  timeout: string;
  exchange?: string;
  format: string;
  progress: boolean;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('sync')
    .description('推送遗留系统数据到交换平台（可续传）/ push a legacy export to the exchange, resumable')
    .requiredOption('-m, --mapping <file>', '字段映射文件 / field mapping (*.mapping.yaml)')
    .requiredOption('-i, --input <file>', '源数据文件（CSV、NDJSON、XLSX）/ source export')
    .option('--checkpoint <file>', '检查点文件 / checkpoint file (default .unsilo/sync/<resource>.json)')
    .option('--rejects <file>', '拒收行 NDJSON / rejected rows (default beside the checkpoint)')
    .option('--state <file>', '快照模式的状态文件 / snapshot state file (default beside the checkpoint)')
    .option('--mode <mode>', 'full | incremental | snapshot', 'full')
    .option('--watermark <column>', '增量模式的水位列（如更新时间）/ incremental: update-time column')
    .option(
      '--resume',
      '继续检查点中被中断的同步（没有则报错）/ continue the interrupted run of the checkpoint (an error when there is none)',
    )
    .option('--batch-size <n>', '每批记录数 / rows per batch', '1000')
    .option('--concurrency <n>', '并发批数 / batches in flight', '4')
    .option('--timeout <ms>', '单次请求超时（毫秒）/ per-request timeout', '15000')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--format <format>', 'pretty | json', 'pretty')
    .option('--no-progress', '不显示进度 / no progress output')
    .option('--lang <lang>', 'zh | en')
    .action(async (flags: SyncFlags) => {
      preferSmallHeap();
      const lang = resolveLang(flags.lang);
      try {
        process.exitCode = await runSync(flags, lang);
      } catch (error) {
        throw toCliError(error, lang);
      }
    });
}

async function runSync(flags: SyncFlags, lang: Lang): Promise<number> {
  const mode = flags.mode as SyncMode;
  if (!['full', 'incremental', 'snapshot'].includes(mode)) {
    throw new CliError(
      'usage.mode',
      say(lang, `unknown mode "${flags.mode}"`, `未知的模式「${flags.mode}」`),
    );
  }
  const batchSize = integer(flags.batchSize, '--batch-size', lang);
  const concurrency = integer(flags.concurrency, '--concurrency', lang);
  const timeout = integer(flags.timeout, '--timeout', lang);

  let mappingText: string;
  try {
    mappingText = await readFile(flags.mapping, 'utf8');
  } catch (error) {
    throw new CliError(
      'io.read',
      say(
        lang,
        `cannot read ${flags.mapping}: ${(error as Error).message}`,
        `无法读取 ${flags.mapping}：${(error as Error).message}`,
      ),
    );
  }
  const parsed = parseMapping(mappingText);
  if (!parsed.mapping) throw mappingProblems(flags.mapping, parsed.diagnostics, lang);

  const settings = await resolveExchangeSettings({ flag: flags.exchange });
  const client = clientFromSettings(settings, { timeout });
  // Compiling against the exchange's entry brings its item checks (types, lengths, code sets) to the client
  // side, so most bad rows are caught before they travel.
  const resource = await client.catalog.get(parsed.mapping.resource);
  const entry = (resource.data as { entry?: unknown }).entry as Parameters<typeof compileMapping>[1];
  const compiled = compileMapping(parsed.mapping, entry);
  if (!compiled.compiled) throw mappingProblems(flags.mapping, compiled.diagnostics, lang);
  const mapping = syncMappingOf(compiled.compiled, mappingText, mappingDigest);

  const source = parsed.mapping.source;
  const checkpoint =
    flags.checkpoint ?? resolve('.unsilo/sync', `${mapping.resource.replace(/[^0-9A-Za-z]+/g, '-')}.json`);
  const input = await stat(flags.input).then(
    (s) => ({ path: resolve(flags.input), size: s.size, mtimeMs: s.mtimeMs }),
    (error: Error) => {
      throw new CliError(
        'io.read',
        say(
          lang,
          `cannot read ${flags.input}: ${error.message}`,
          `无法读取 ${flags.input}：${error.message}`,
        ),
      );
    },
  );
  const total = source.format === 'xlsx' ? undefined : await countLines(flags.input, source.format === 'csv');

  const stop = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts === 1) {
      process.stderr.write(
        `\n${say(lang, 'Stopping after the batches in flight… (Ctrl-C again to abort at once)', '正在等待进行中的批次完成后停止……（再按一次 Ctrl-C 立即中止）')}\n`,
      );
      stop.abort();
    } else {
      process.stderr.write(
        `${say(lang, 'Aborted; resume with --resume.', '已中止；可用 --resume 续传。')}\n`,
      );
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  const progress = progressOutput(flags, lang, total);
  let result: SyncResult;
  try {
    result = await sync({
      mapping,
      rows: readSource(flags.input, source.format, {
        ...(source.encoding ? { encoding: source.encoding } : {}),
        ...(source.delimiter ? { delimiter: source.delimiter } : {}),
        ...(source.sheet !== undefined ? { sheet: source.sheet } : {}),
      }),
      push: createClientPusher(client, { timeoutMs: timeout }),
      mode,
      input,
      ...(flags.watermark ? { watermark: flags.watermark } : {}),
      checkpoint,
      resume: flags.resume === true,
      ...(flags.rejects ? { rejects: flags.rejects } : {}),
      ...(flags.state ? { state: flags.state } : {}),
      batchSize,
      concurrency,
      stop: stop.signal,
      onProgress: progress.update,
      ...(total !== undefined ? { total } : {}),
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }

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
  if (flags.format === 'json') {
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
  if (!result.completed) return 130;
  return result.rejected > 0 ? 1 : 0;
}

/** A bar on a terminal; JSON progress lines on stderr otherwise (for CI logs and the editor). */
function progressOutput(flags: SyncFlags, lang: Lang, total: number | undefined) {
  if (!flags.progress) return { update: () => {}, stop: () => {} };
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

/** Data rows in a text file (newlines, less a header): an estimate for the ETA only. */
async function countLines(path: string, header: boolean): Promise<number | undefined> {
  try {
    let lines = 0;
    let last = 10;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(10);
      while (at !== -1) {
        lines += 1;
        at = chunk.indexOf(10, at + 1);
      }
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    }
    if (last !== 10) lines += 1;
    return Math.max(0, lines - (header ? 1 : 0));
  } catch {
    return undefined;
  }
}

function integer(value: string, flag: string, lang: Lang): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError(
      'usage.number',
      say(lang, `${flag} must be a positive integer`, `${flag} 必须是正整数`),
    );
  }
  return n;
}

function mappingProblems(
  file: string,
  diagnostics: ReadonlyArray<{
    code: string;
    severity: string;
    message: string;
    zh: string;
    range?: { start: { line: number; column: number } };
  }>,
  lang: Lang,
): CliError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const lines = errors.map((d) => {
    const at = d.range ? `${file}:${d.range.start.line}:${d.range.start.column}` : file;
    return `  ${at} ${d.code} ${lang === 'zh' ? d.zh : d.message}`;
  });
  return new CliError(
    'mapping.invalid',
    `${say(lang, `the mapping has ${errors.length} error(s)`, `映射文件存在 ${errors.length} 个错误`)}\n${lines.join('\n')}`,
    1,
  );
}

/** User-facing errors in the chosen language first, the other after it; no stack, no secret. */
export function toCliError(error: unknown, lang: Lang): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof SyncError) {
    const exit = error.code === 'sync.receipt_invalid' ? 1 : 2;
    return new CliError(
      error.code,
      lang === 'zh' ? `${error.zh} (${error.message})` : `${error.message} (${error.zh})`,
      exit,
    );
  }
  if (error instanceof ExchangeHttpError && error.status === 404 && error.code.startsWith('catalog.')) {
    return new CliError(error.code, error.message, 1);
  }
  if (error instanceof ExchangeError) return new CliError(error.code, error.message, 2);
  return error;
}

function say(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}
