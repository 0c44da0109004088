import { clientFromSettings, resolveExchangeSettings } from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { hasConflicts, renderConflicts } from '../format/conflicts-text';
import { CliError } from '../util/cli-error';
import { exchangeSettingsHelp } from '../util/exchange-help';
import { resolveLang } from '../util/lang';
import { toCliError } from './sync';

interface ConflictsFlags {
  resource?: string;
  element?: string;
  examples?: string;
  format: string;
  exchange?: string;
  lang?: string;
}

export function register(program: Command): void {
  const quality = program.command('quality').description('交换平台的数据质量 / data quality on the exchange');
  quality
    .command('conflicts')
    .description(
      '多元校核：不同来源对同一主体的不一致 / conflicts between sources about the same people and organisations',
    )
    .option('--resource <code>', '只看涉及该资源的资源对 / only the pairs that involve this resource')
    .option('--element <id>', '只看该数据元素，例如 person.name / only this data element, e.g. person.name')
    .option('--examples <n>', '每个元素的例子数（0–20）/ examples per element (0–20)')
    .option('--format <format>', 'text | json', 'text')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .addHelpText('after', exchangeSettingsHelp)
    .action(async (flags: ConflictsFlags) => {
      const lang = resolveLang(flags.lang);
      if (flags.format !== 'text' && flags.format !== 'json') {
        throw new CliError('usage', `--format text | json (${flags.format})`);
      }
      const examples = flags.examples === undefined ? undefined : Number(flags.examples);
      if (examples !== undefined && !(Number.isInteger(examples) && examples >= 0 && examples <= 20)) {
        throw new CliError('usage', `--examples 0..20 (${flags.examples})`);
      }
      try {
        const client = clientFromSettings(await resolveExchangeSettings({ flag: flags.exchange }));
        const result = (
          await client.quality.conflicts({
            ...(flags.resource ? { resource: flags.resource } : {}),
            ...(flags.element ? { element: flags.element } : {}),
            ...(examples !== undefined ? { examples } : {}),
          })
        ).data;
        process.stdout.write(
          flags.format === 'json' ? `${JSON.stringify(result)}\n` : `${renderConflicts(result, lang)}\n`,
        );
        process.exitCode = hasConflicts(result) ? 1 : 0;
      } catch (error) {
        throw toCliError(error, lang);
      }
    });
}
