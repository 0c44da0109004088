import { ReceiptsFileError, verifyReceiptsFile } from '@unsilo/sdk/review';
import type { Command } from 'commander';
import { renderReceiptsReport } from '../format/receipts-text';
import { CliError } from '../util/cli-error';
import { assertTextOrJson, onExchange } from '../util/exchange-call';
import { exchangeSettingsHelp } from '../util/exchange-help';
import { type Lang, resolveLang } from '../util/lang';

interface VerifyFlags {
  format: string;
  exchange?: string;
  lang?: string;
}

export function register(program: Command): void {
  const receipts = program.command('receipts').description('同步回执 / sync receipts');
  receipts
    .command('verify <file>')
    .description(
      '用交换平台公布的公钥核验回执文件中的每张回执 / verify every receipt of a receipts file with the exchange’s published keys',
    )
    .option('--format <format>', 'text | json', 'text')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
回执文件由 unsilo sync 写在检查点旁（<checkpoint>.receipts.ndjson）。退出码：0 全部有效；1 有无效回执；2 无法读取。
The receipts file is the one unsilo sync writes beside its checkpoint (<checkpoint>.receipts.ndjson).
Exit status: 0 every receipt valid; 1 some invalid; 2 the file or the exchange could not be read.
${exchangeSettingsHelp}`,
    )
    .action(async (file: string, flags: VerifyFlags) => {
      const lang = resolveLang(flags.lang);
      assertTextOrJson(flags.format);
      const keys = await publishedKeys(flags, lang);
      let report: Awaited<ReturnType<typeof verifyReceiptsFile>>;
      try {
        report = await verifyReceiptsFile(file, keys);
      } catch (error) {
        if (error instanceof ReceiptsFileError) {
          throw new CliError(error.code, lang === 'zh' ? error.zh : error.message);
        }
        throw error;
      }
      process.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ file, ...report })}\n`
          : `${renderReceiptsReport(file, report, lang)}\n`,
      );
      process.exitCode = report.failed > 0 ? 1 : 0;
    });
}

/** The exchange's published receipt keys (public: credentials are sent when set, not needed). */
function publishedKeys(flags: VerifyFlags, lang: Lang) {
  return onExchange(flags, lang, async (client) => (await client.receiptKeys()).data);
}
