import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveExchangeSettings } from './exchange-settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveExchangeSettings', () => {
  it('takes the flag first, then the environment, then the nearest unsilo.config.yaml', async () => {
    await writeFile(
      join(dir, 'unsilo.config.yaml'),
      'exchange:\n  url: http://config:7300\n  clientId: from-config\n',
    );
    const nested = join(dir, 'catalog', 'people');
    await mkdir(nested, { recursive: true });
    const env = { UNSILO_CLIENT_SECRET: 's3cret' };
    expect(await resolveExchangeSettings({ from: nested, env })).toMatchObject({
      baseUrl: 'http://config:7300',
      clientId: 'from-config',
      clientSecret: 's3cret',
      configFile: join(dir, 'unsilo.config.yaml'),
    });
    const fromEnv = { ...env, UNSILO_EXCHANGE_URL: 'http://env:1', UNSILO_CLIENT_ID: 'from-env' };
    expect(await resolveExchangeSettings({ from: nested, env: fromEnv })).toMatchObject({
      baseUrl: 'http://env:1',
      clientId: 'from-env',
    });
    expect(
      (await resolveExchangeSettings({ flag: 'http://flag:2', from: nested, env: fromEnv })).baseUrl,
    ).toBe('http://flag:2');
  });

  it('refuses a client secret written in the config file, without echoing it', async () => {
    await writeFile(
      join(dir, 'unsilo.config.yaml'),
      'exchange:\n  url: http://x\n  clientSecret: do-not-store\n',
    );
    const error = await resolveExchangeSettings({ from: dir, env: {} }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'config.secret_in_file' });
    expect((error as Error).message).not.toContain('do-not-store');
  });

  it('says how to configure the exchange when nothing names it', async () => {
    await expect(resolveExchangeSettings({ from: dir, env: {} })).rejects.toMatchObject({
      code: 'exchange.not_configured',
      message: expect.stringContaining('UNSILO_EXCHANGE_URL'),
    });
  });
});
