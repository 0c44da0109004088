import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { mappingFile, minzhengEnv, sandboxWithPopulation } from './support';

describe('unsilo sync refuses bad setups clearly', { timeout: 60_000 }, () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-cli-errors-'));
    ({ sandbox } = await sandboxWithPopulation());
    env = minzhengEnv(sandbox.url);
    await writeFile(join(dir, 'empty.csv'), 'SFZH,XM\n');
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 naming the ways to configure the exchange when none is given', async () => {
    const result = await runCli(['sync', '-m', mappingFile, '-i', join(dir, 'empty.csv'), '--lang', 'en'], {
      env: { UNSILO_EXCHANGE_URL: '', UNSILO_CLIENT_ID: '', UNSILO_CLIENT_SECRET: '' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exchange.not_configured');
    expect(result.stderr).toContain('UNSILO_EXCHANGE_URL');
  });

  it('exits 1 with positions when the mapping has errors, sending nothing', async () => {
    const broken = join(dir, 'broken.mapping.yaml');
    await writeFile(
      broken,
      'apiVersion: unsilo/v1\nkind: FieldMapping\nresource: "307002010101/000001"\nfields: [\n',
    );
    const result = await runCli(['sync', '-m', broken, '-i', join(dir, 'empty.csv'), '--lang', 'en'], {
      env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/mapping\.invalid/);
    expect(result.stderr).toMatch(/broken\.mapping\.yaml:\d+:\d+/);
  });

  it('exits 2 with the exchange problem when the credentials are wrong, never echoing the secret', async () => {
    const result = await runCli(['sync', '-m', mappingFile, '-i', join(dir, 'empty.csv')], {
      env: { ...env, UNSILO_CLIENT_SECRET: 'wrong-secret-value' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/auth\./);
    expect(result.stderr + result.stdout).not.toContain('wrong-secret-value');
  });

  it('reads an empty export as zero rows and reconciles', async () => {
    const result = await runCli(
      [
        'sync',
        '-m',
        mappingFile,
        '-i',
        join(dir, 'empty.csv'),
        '--checkpoint',
        join(dir, 'cp.json'),
        '--format',
        'json',
      ],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      read: 0,
      accepted: 0,
      rejected: 0,
      unchanged: 0,
      completed: true,
    });
  });
});
