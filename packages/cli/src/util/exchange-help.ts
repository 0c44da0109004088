import type { Command } from 'commander';

/**
 * The settings every command that talks to the exchange reads, for the end of their help (and the root's):
 * a department developer learns all four from `--help` rather than from a failed first call.
 */
export const exchangeSettingsHelp = `
交换平台设置 / exchange settings:
  --exchange <url> 或 UNSILO_EXCHANGE_URL   交换平台地址 / exchange URL
  UNSILO_CLIENT_ID                          客户端 ID / client id
  UNSILO_CLIENT_SECRET                      客户端密钥，只从环境变量读取 / client secret, from the environment only
  unsilo.config.yaml                        exchange.url 与 exchange.clientId（从当前目录向上查找）/
                                            exchange.url and exchange.clientId (searched from here upwards)`;

/**
 * The options of a command that calls the exchange and prints one answer: `--format text|json`, `--exchange`,
 * `--lang`, and the exchange settings at the end of its help.
 */
export function withExchangeOptions(command: Command): Command {
  return command
    .option('--format <format>', 'text | json', 'text')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .addHelpText('after', exchangeSettingsHelp);
}
