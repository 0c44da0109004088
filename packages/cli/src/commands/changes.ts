import { followChanges } from '@unsilo/sdk/consume';
import { clientFromSettings, resolveExchangeSettings } from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { assertTextOrJson, onExchange } from '../util/exchange-call';
import { exchangeSettingsHelp, withExchangeOptions } from '../util/exchange-help';
import { type Lang, resolveLang, say } from '../util/lang';
import { consumeCliError } from './records';

interface FollowFlags {
  out: string;
  state?: string;
  once?: boolean;
  interval: string;
  format: string;
  exchange?: string;
  lang?: string;
}

export function register(program: Command): void {
  const changes = program.command('changes').description('信息资源的变更流 / a resource’s change feed');
  changes
    .command('follow')
    .description(
      '按变更流保持本地副本为最新（可续传）/ keep a local copy current from the change feed, resumable',
    )
    .argument('<code>', '信息资源代码 / resource code')
    .requiredOption(
      '--out <file>',
      '本地副本（NDJSON，每行一条当前记录）/ local copy, NDJSON of current records',
    )
    .option('--state <file>', '位置状态文件（默认 <out>.state.json）/ state file (default <out>.state.json)')
    .option('--once', '读到变更流末尾即停止 / stop at the end of the feed')
    .option('--interval <seconds>', '轮询间隔（秒）/ poll interval in seconds', '60')
    .option('--format <format>', '结果摘要 / summary: text | json', 'text')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `\nCtrl-C 在当前页应用并保存后停止 / Ctrl-C stops after the current page is applied and saved.\n${exchangeSettingsHelp}`,
    )
    .action(async (code: string, flags: FollowFlags) => {
      const lang = resolveLang(flags.lang);
      process.exitCode = await runFollow(code, flags, lang);
    });
  withExchangeOptions(
    changes
      .command('compact')
      .description(
        '按保留期压缩变更流（大数据局）/ compact the change feed to the exchange’s retention window (the authority)',
      ),
  ).action(async (flags: { format: string; exchange?: string; lang?: string }) => {
    const lang = resolveLang(flags.lang);
    assertTextOrJson(flags.format);
    const compaction = await onExchange(
      flags,
      lang,
      async (client) => (await client.retention.compact()).data,
    );
    process.stdout.write(
      flags.format === 'json'
        ? `${JSON.stringify(compaction)}\n`
        : `${say(lang, `Removed ${compaction.versions} superseded versions written before ${compaction.before} (retention ${compaction.retentionDays} days)`, `已移除 ${compaction.before} 之前写入、已被取代的 ${compaction.versions} 个旧版本（保留期 ${compaction.retentionDays} 天）`)}\n`,
    );
  });
}

async function runFollow(code: string, flags: FollowFlags, lang: Lang): Promise<number> {
  if (flags.format !== 'text' && flags.format !== 'json') {
    throw new CliError('usage', `--format text | json (${flags.format})`);
  }
  const interval = Number(flags.interval);
  if (!(Number.isFinite(interval) && interval >= 1)) {
    throw new CliError('usage', `--interval >= 1 (${flags.interval})`);
  }
  const stop = new AbortController();
  const onSigint = () => {
    process.stderr.write(`\n${say(lang, 'Stopping after the current page…', '当前页完成后停止……')}\n`);
    stop.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const client = clientFromSettings(await resolveExchangeSettings({ flag: flags.exchange }));
    const counts = await followChanges({
      client,
      code,
      copy: flags.out,
      state: flags.state ?? `${flags.out}.state.json`,
      once: flags.once === true,
      intervalMs: interval * 1000,
      signal: stop.signal,
      onPage: (page) => {
        if (flags.once) return;
        process.stderr.write(
          `${say(lang, `+${page.upserts} upserts, -${page.deletes} deletes, ${page.records} records`, `更新 ${page.upserts}，删除 ${page.deletes}，现有 ${page.records} 条`)}\n`,
        );
      },
    });
    process.stdout.write(
      flags.format === 'json'
        ? `${JSON.stringify(counts)}\n`
        : `${say(lang, `Applied ${counts.upserts} upserts and ${counts.deletes} deletes; ${flags.out} holds ${counts.records} records`, `已应用 ${counts.upserts} 条更新、${counts.deletes} 条删除；${flags.out} 现有 ${counts.records} 条记录`)}\n`,
    );
    return 0;
  } catch (error) {
    throw consumeCliError(error, code, lang);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
