import { type ExchangeClient, ExchangeHttpError } from '@unsilo/sdk';
import { clientFromSettings, resolveExchangeSettings } from '@unsilo/sdk/sync';
import { toCliError } from '../commands/sync';
import { CliError } from './cli-error';
import type { Lang } from './lang';

/**
 * The answers by which the exchange says no to a step that was well formed: not allowed (403), no such
 * resource or request (404), already decided (409), changed meanwhile (412). They are findings (exit 1),
 * not failures of the tool.
 */
const REFUSALS = new Set([403, 404, 409, 412]);

/** An error of a call to the exchange as the CLI reports it: a refusal with its code and zh/en text, exit 1. */
export function exchangeCliError(error: unknown, lang: Lang): unknown {
  if (error instanceof ExchangeHttpError && REFUSALS.has(error.status)) {
    return new CliError(error.code, refusalText(error, lang), 1);
  }
  return toCliError(error, lang);
}

function refusalText(error: ExchangeHttpError, lang: Lang): string {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const { problem } = error;
  const english =
    [text(problem.title), text(problem.detail)].filter(Boolean).join(': ') || `HTTP ${error.status}`;
  const zh = text(problem.zh);
  if (!zh) return english;
  return lang === 'zh' ? `${zh}（${english}）` : `${english} (${zh})`;
}

/** Runs calls on a client made from the exchange settings (`--exchange`, environment, config file). */
export async function onExchange<T>(
  flags: { exchange?: string },
  lang: Lang,
  work: (client: ExchangeClient) => Promise<T>,
): Promise<T> {
  try {
    return await work(clientFromSettings(await resolveExchangeSettings({ flag: flags.exchange })));
  } catch (error) {
    throw exchangeCliError(error, lang);
  }
}

/** `--format text | json`, else a usage error. */
export function assertTextOrJson(format: string): void {
  if (format !== 'text' && format !== 'json') throw new CliError('usage', `--format text | json (${format})`);
}
