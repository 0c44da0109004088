import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { createExchangeClient, type ExchangeClient } from '../client/create-client';
import { SyncError } from './errors';

/** Where the exchange is and who the department is. The secret never comes from a file. */
export interface ExchangeSettings {
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** The `unsilo.config.yaml` that supplied part of it, if any. */
  configFile?: string;
  /** Its `lint:` section, as text-level data for the catalogue linter. */
  configText?: string;
}

/**
 * Resolves the exchange: `--exchange URL` first, then `UNSILO_EXCHANGE_URL`, then `exchange.url` of the nearest
 * `unsilo.config.yaml` (from `from` upwards); the client id from `UNSILO_CLIENT_ID` or `exchange.clientId`;
 * the client secret only from `UNSILO_CLIENT_SECRET`.
 */
export async function resolveExchangeSettings(options: {
  flag?: string;
  env?: NodeJS.ProcessEnv;
  from?: string;
}): Promise<ExchangeSettings> {
  const env = options.env ?? process.env;
  const found = await findConfig(resolve(options.from ?? '.'));
  let fromFile: { url?: unknown; clientId?: unknown; clientSecret?: unknown } = {};
  if (found) {
    let parsed: unknown;
    try {
      parsed = parse(found.text);
    } catch (error) {
      throw new SyncError(
        'config.invalid',
        `${found.path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        `${found.path} 不是有效的 YAML：${(error as Error).message.split('\n')[0]}`,
      );
    }
    const exchange = (parsed as { exchange?: unknown } | null)?.exchange;
    if (exchange && typeof exchange === 'object') fromFile = exchange as typeof fromFile;
    if (fromFile.clientSecret !== undefined) {
      throw new SyncError(
        'config.secret_in_file',
        `${found.path} holds exchange.clientSecret: remove it and set UNSILO_CLIENT_SECRET instead (secrets stay out of files).`,
        `${found.path} 中含有 exchange.clientSecret：请删除，改用环境变量 UNSILO_CLIENT_SECRET（密钥不得写入文件）。`,
      );
    }
  }
  const baseUrl =
    options.flag || env.UNSILO_EXCHANGE_URL || (typeof fromFile.url === 'string' ? fromFile.url : '');
  if (!baseUrl) {
    throw new SyncError(
      'exchange.not_configured',
      'No exchange URL: pass --exchange URL, set UNSILO_EXCHANGE_URL, or add exchange.url to unsilo.config.yaml.',
      '未配置交换平台地址：请使用 --exchange URL、设置 UNSILO_EXCHANGE_URL，或在 unsilo.config.yaml 中填写 exchange.url。',
    );
  }
  const clientId =
    env.UNSILO_CLIENT_ID || (typeof fromFile.clientId === 'string' ? fromFile.clientId : undefined);
  const clientSecret = env.UNSILO_CLIENT_SECRET || undefined;
  return {
    baseUrl,
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(found ? { configFile: found.path, configText: found.text } : {}),
  };
}

async function findConfig(start: string): Promise<{ path: string; text: string } | undefined> {
  let dir = start;
  for (;;) {
    for (const name of ['unsilo.config.yaml', 'unsilo.config.yml']) {
      const path = join(dir, name);
      try {
        return { path, text: await readFile(path, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A typed exchange client for these settings: OAuth client credentials when an id and secret are known. */
export function clientFromSettings(
  settings: ExchangeSettings,
  options: { timeout?: number } = {},
): ExchangeClient {
  return createExchangeClient({
    baseUrl: settings.baseUrl,
    ...(settings.clientId && settings.clientSecret
      ? {
          auth: {
            type: 'clientCredentials',
            clientId: settings.clientId,
            clientSecret: settings.clientSecret,
          },
        }
      : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
}
