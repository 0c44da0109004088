import { ExchangeHttpError } from '@unsilo/sdk';
import { ConsumeError, type CsvEncoding, exportRecords, isCsvEncoding } from '@unsilo/sdk/consume';
import { clientFromSettings, resolveExchangeSettings } from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { exchangeSettingsHelp } from '../util/exchange-help';
import { type Lang, resolveLang, say } from '../util/lang';
import { toCliError } from './sync';

interface ExportFlags {
  out: string;
  filter: string[];
  encoding: string;
  format: string;
  exchange?: string;
  lang?: string;
}

export function register(program: Command): void {
  const records = program
    .command('records')
    .description('读取交换平台上的记录 / read records from the exchange');
  records
    .command('export')
    .description(
      '导出信息资源的记录（按扩展名：NDJSON、CSV、XLSX）/ export a resource’s records (NDJSON, CSV or XLSX by extension)',
    )
    .argument('<code>', '信息资源代码 / resource code')
    .requiredOption('--out <file>', '输出文件：.ndjson .jsonl .csv .xlsx / output file')
    .option(
      '--filter <item=value>',
      '等值过滤，可重复 / equality filter on an item key, repeatable',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option('--encoding <encoding>', 'CSV 编码 / CSV encoding: utf-8 | gbk', 'utf-8')
    .option('--format <format>', '结果摘要 / summary: text | json', 'text')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .addHelpText('after', exchangeSettingsHelp)
    .action(async (code: string, flags: ExportFlags) => {
      const lang = resolveLang(flags.lang);
      process.exitCode = await runExport(code, flags, lang);
    });
}

async function runExport(code: string, flags: ExportFlags, lang: Lang): Promise<number> {
  if (flags.format !== 'text' && flags.format !== 'json') {
    throw new CliError('usage', `--format text | json (${flags.format})`);
  }
  if (!isCsvEncoding(flags.encoding))
    throw new CliError('usage', `--encoding utf-8 | gbk (${flags.encoding})`);
  const filter = parseFilters(flags.filter);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  const progress = exportProgress(lang);
  try {
    const client = clientFromSettings(await resolveExchangeSettings({ flag: flags.exchange }));
    const result = await exportRecords({
      client,
      code,
      file: flags.out,
      encoding: flags.encoding as CsvEncoding,
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
      signal: stop.signal,
      onProgress: ({ records }) => progress.update(records),
    });
    progress.end();
    process.stdout.write(
      flags.format === 'json'
        ? `${JSON.stringify(result)}\n`
        : `${say(lang, `Exported ${result.records} records to ${result.file}`, `已导出 ${result.records} 条记录到 ${result.file}`)}\n`,
    );
    return 0;
  } catch (error) {
    progress.end();
    if (stop.signal.aborted) {
      process.stderr.write(`${say(lang, 'Interrupted; no file written.', '已中断，未写入文件。')}\n`);
      return 130;
    }
    throw consumeCliError(error, code, lang);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `--filter xb=1 --filter mz=01` as the exchange's `filter[<itemKey>]`. */
function parseFilters(values: readonly string[]): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new CliError('usage', `--filter item=value (${value})`);
    filter[value.slice(0, at)] = value.slice(at + 1);
  }
  return filter;
}

/** Progress on stderr once an export grows large: a live count on a terminal, a line per 100,000 otherwise. */
function exportProgress(lang: Lang): { update(records: number): void; end(): void } {
  const live = process.stderr.isTTY === true;
  let shown = false;
  let lastLine = 0;
  return {
    update(records) {
      const text = say(lang, `exported ${records} records…`, `已导出 ${records} 条记录……`);
      if (live && records >= 10_000) {
        process.stderr.write(`\r${text}`);
        shown = true;
      } else if (!live && records - lastLine >= 100_000) {
        process.stderr.write(`${text}\n`);
        lastLine = records;
      }
    },
    end() {
      if (shown) process.stderr.write('\n');
      shown = false;
    },
  };
}

/**
 * Errors of export and follow as the command reports them. A refused read (403) exits 1 with the exchange's
 * reason, and for a conditional resource the way to ask; export/follow problems keep their code.
 */
export function consumeCliError(error: unknown, code: string, lang: Lang): unknown {
  if (error instanceof ConsumeError) {
    const usage = error.code === 'export.unknown_format' || error.code === 'export.encoding_not_csv';
    return new CliError(error.code, say(lang, error.message, error.zh), usage ? 2 : 1);
  }
  if (error instanceof ExchangeHttpError && error.status === 403) {
    const ask =
      error.code === 'access.share_request_required'
        ? say(
            lang,
            `. Ask the provider with: unsilo access request ${code} --purpose "…"`,
            `。请用 unsilo access request ${code} --purpose "…" 向提供方申请`,
          )
        : '';
    return new CliError(error.code, `${error.message}${ask}`, 1);
  }
  if (error instanceof ExchangeHttpError && error.status === 404)
    return new CliError(error.code, error.message, 1);
  return toCliError(error, lang);
}
