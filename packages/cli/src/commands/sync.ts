import { ExchangeError, ExchangeHttpError } from '@unsilo/sdk';
import type { MappingDiagnostic } from '@unsilo/sdk/mapping';
import {
  clientFromSettings,
  parseShard,
  resolveExchangeSettings,
  SyncError,
  SyncMappingError,
  type SyncMode,
  type SyncResult,
  syncFile,
} from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { configuredTimeZone } from '../util/config-time-zone';
import { duplicatePolicy, duplicatesHelp } from '../util/duplicates-option';
import { exchangeSettingsHelp } from '../util/exchange-help';
import { preferSmallHeap } from '../util/heap';
import { type Lang, resolveLang } from '../util/lang';
import { noProgress, type ProgressOutput, printSummary, progressOutput } from './sync-output';

interface SyncFlags {
  mapping: string;
  input: string;
  checkpoint?: string;
  rejects?: string;
  state?: string;
  mode: string;
  watermark?: string;
  resume?: boolean;
  allowDeletesWithRejects?: boolean;
  allowEmptySnapshot?: boolean;
  allowMassDelete?: boolean;
  batchSize: string;
  concurrency: string;
  timeout: string;
  exchange?: string;
  format: string;
  progress: boolean;
  lang?: string;
  duplicates: string;
  shard?: string;
}

export function register(program: Command): void {
  program
    .command('sync')
    .description('推送遗留系统数据到交换平台（可续传）/ push a legacy export to the exchange, resumable')
    .requiredOption('-m, --mapping <file>', '字段映射文件 / field mapping (*.mapping.yaml)')
    .requiredOption('-i, --input <file>', '源数据文件（CSV、NDJSON、XLSX）/ source export')
    .option(
      '--checkpoint <file>',
      '检查点文件（每种模式一个）/ checkpoint file (default .unsilo/sync/<resource>.<mode>.json)',
    )
    .option('--rejects <file>', '拒收行 NDJSON / rejected rows (default beside the checkpoint)')
    .option('--state <file>', '快照模式的状态文件 / snapshot state file (default beside the checkpoint)')
    .option('--mode <mode>', 'full | incremental | snapshot', 'full')
    .option('--watermark <column>', '增量模式的水位列（如更新时间）/ incremental: update-time column')
    .option(
      '--resume',
      '继续检查点中被中断的同步（没有则报错）/ continue the interrupted run of the checkpoint (an error when there is none)',
    )
    .option(
      '--allow-deletes-with-rejects',
      '快照模式：有无主键的拒收行时仍执行删除（先核对保留的删除清单）/ snapshot: send the deletes held while rows without a readable key are rejected (review the held list first)',
    )
    .option(
      '--allow-empty-snapshot',
      '快照模式：输入没有数据行时仍删除上次的全部记录（本部门确实已无记录时）/ snapshot: delete every record of the last run although the input has no data rows (the department really has none left)',
    )
    .option(
      '--allow-mass-delete',
      '快照模式：上次记录超过一半（且多于 100 条）不在输入中时仍执行删除（先核对清单）/ snapshot: send the deletes held because more than half of the records of the last run vanished (review the held list first)',
    )
    .option(
      '--shard <i/n>',
      '分片同步：只同步主键哈希属于第 i 片（共 n 片）的行，n 台机器并行同步一个资源，各有检查点 / sharded sync: only the rows whose key hashes to shard i of n, so n workers sync one resource in parallel, each with its own checkpoint',
    )
    .option('--batch-size <n>', '每批记录数 / rows per batch', '1000')
    .option('--concurrency <n>', '并发批数 / batches in flight', '4')
    .option('--timeout <ms>', '单次请求超时（毫秒）/ per-request timeout', '15000')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--duplicates <policy>', duplicatesHelp, 'reject')
    .option('--format <format>', 'pretty | json', 'pretty')
    .option('--no-progress', '不显示进度 / no progress output')
    .option('--lang <lang>', 'zh | en')
    .addHelpText('after', exchangeSettingsHelp)
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
  const duplicates = duplicatePolicy(flags.duplicates);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const timeZone = await configuredTimeZone();

  const stop = new AbortController();
  let progress: ProgressOutput = noProgress;
  let releaseSigint = () => {};
  let result: SyncResult;
  try {
    result = await syncFile({
      mapping: flags.mapping,
      input: flags.input,
      client: async () =>
        clientFromSettings(await resolveExchangeSettings({ flag: flags.exchange }), { timeout }),
      push: { timeoutMs: timeout },
      mode,
      duplicates,
      timeZone,
      ...(flags.checkpoint ? { checkpoint: flags.checkpoint } : {}),
      ...(flags.watermark ? { watermark: flags.watermark } : {}),
      resume: flags.resume === true,
      ...(flags.allowDeletesWithRejects ? { allowDeletesWithRejects: true } : {}),
      ...(flags.allowEmptySnapshot ? { allowEmptySnapshot: true } : {}),
      ...(flags.allowMassDelete ? { allowMassDelete: true } : {}),
      ...(flags.rejects ? { rejects: flags.rejects } : {}),
      ...(flags.state ? { state: flags.state } : {}),
      ...(shard ? { shard } : {}),
      batchSize,
      concurrency,
      stop: stop.signal,
      estimateTotal: true,
      onStart: ({ total }) => {
        releaseSigint = stopOnSigint(stop, lang);
        progress = progressOutput(flags, lang, total);
      },
      onProgress: (p) => progress.update(p),
    });
  } catch (error) {
    throw fileError(error, flags.mapping, lang);
  } finally {
    progress.stop();
    releaseSigint();
  }
  printSummary(result, flags.format, lang);
  if (!result.completed) return 130;
  // Held deletes are findings to review, like rejected rows: the run itself completed.
  return result.rejected > 0 || result.heldDeletes ? 1 : 0;
}

/** Ctrl-C stops after the batches in flight; a second one aborts at once. Returns the handler's removal. */
function stopOnSigint(stop: AbortController, lang: Lang): () => void {
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
  return () => process.off('SIGINT', onSigint);
}

/** The files' problems as the command reports them: unreadable (exit 2), a mapping with errors (exit 1). */
function fileError(error: unknown, mappingFile: string, lang: Lang): unknown {
  if (error instanceof SyncMappingError) return mappingProblems(mappingFile, error.diagnostics, lang);
  if (
    error instanceof SyncError &&
    (error.code === 'sync.mapping_unreadable' || error.code === 'sync.input_unreadable')
  ) {
    return new CliError('io.read', lang === 'zh' ? error.zh : error.message);
  }
  return error;
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

function mappingProblems(file: string, diagnostics: readonly MappingDiagnostic[], lang: Lang): CliError {
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
