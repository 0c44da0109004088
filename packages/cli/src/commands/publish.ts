import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseConfig } from '@unsilo/sdk/catalog';
import { PublishError, type PublishResult, publishCatalog, type WithdrawalItem } from '@unsilo/sdk/publish';
import { clientFromSettings, resolveExchangeSettings } from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { listWithdrawals, renderPublish } from '../format/publish-plan';
import { CliError } from '../util/cli-error';
import { exchangeSettingsHelp } from '../util/exchange-help';
import { type Lang, resolveLang } from '../util/lang';
import { toCliError } from './sync';

interface PublishFlags {
  dryRun?: boolean;
  prune?: boolean;
  yes?: boolean;
  format: string;
  exchange?: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('publish')
    .description('校验并发布目录到交换平台 / lint, plan and publish the catalogue to the exchange')
    .argument('<dir>', '目录条目所在目录 / the catalogue directory')
    .option('--dry-run', '只显示计划，不做任何修改 / show the plan, change nothing')
    .option(
      '--prune',
      '撤销交换平台上本部门在目录中已无文件的资源（不可恢复，须确认）/ withdraw this department’s resources that have no file here (permanent; asks first)',
    )
    .option('--yes', '不询问，直接确认撤销（用于 CI）/ confirm the withdrawals without asking (CI)')
    .option('--format <format>', 'pretty | json', 'pretty')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .addHelpText('after', exchangeSettingsHelp)
    .action(async (dir: string, flags: PublishFlags) => {
      const lang = resolveLang(flags.lang);
      try {
        process.exitCode = await runPublish(dir, flags, lang);
      } catch (error) {
        throw toCliError(error, lang);
      }
    });
}

async function runPublish(dir: string, flags: PublishFlags, lang: Lang): Promise<number> {
  const settings = await resolveExchangeSettings({ flag: flags.exchange, from: resolve(dir) });
  const lint = settings.configText ? parseConfig(settings.configText).config : undefined;
  const client = clientFromSettings(settings);
  let result: PublishResult;
  try {
    result = await publishCatalog({
      dir,
      client,
      dryRun: flags.dryRun === true,
      prune: flags.prune === true,
      confirmWithdrawals: flags.yes ? () => true : (withdrawals) => askToWithdraw(withdrawals, lang),
      ...(lint ? { lint } : {}),
    });
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    if (error.code === 'publish.lint_failed') {
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ error: error.code, diagnostics: error.diagnostics })}\n`);
      } else {
        for (const d of error.diagnostics) {
          process.stderr.write(
            `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.rule} ${d.message[lang]}\n`,
          );
        }
      }
    }
    throw new CliError(error.code, lang === 'zh' ? error.zh : error.message, 1);
  }

  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${renderPublish(result, lang)}\n`);
  }
  return result.conflicts.length > 0 || result.failures.length > 0 ? 1 : 0;
}

interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Lists the withdrawals and asks on the terminal; where nobody can answer (CI, a pipe) it refuses with exit 2
 * and says to pass `--yes`.
 */
export async function askToWithdraw(
  withdrawals: readonly WithdrawalItem[],
  lang: Lang,
  terminal: Terminal = { input: process.stdin, output: process.stderr },
): Promise<boolean> {
  const list = listWithdrawals(withdrawals, lang);
  if (!terminal.input.isTTY || !terminal.output.isTTY) {
    throw new CliError(
      'publish.confirmation_required',
      lang === 'zh'
        ? `${list}\n无法在终端上确认：确认撤销请加 --yes，只看计划请用 --dry-run。未做任何修改。`
        : `${list}\nThere is no terminal to confirm on: pass --yes to withdraw them, or --dry-run to see the plan. Nothing was changed.`,
    );
  }
  terminal.output.write(`${list}\n`);
  const prompt = createInterface({ input: terminal.input, output: terminal.output });
  try {
    const answer = await prompt.question(
      lang === 'zh' ? '输入 yes 确认撤销：' : 'Type yes to withdraw them: ',
    );
    return /^(?:y|yes|是)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
