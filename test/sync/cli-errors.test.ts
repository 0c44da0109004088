import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columns, csvLine, populationRow } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { exchangeCounts, mappingFile, minzhengEnv, sandboxWithPopulation } from './support';

describe('unsilo sync refuses bad setups clearly', { timeout: 60_000 }, () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-cli-errors-'));
    ({ sandbox } = await sandboxWithPopulation());
    env = minzhengEnv(sandbox.url);
    // A header and no rows: an export of an empty table.
    await writeFile(join(dir, 'empty.csv'), `${columns.join(',')}\n`);
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

  it('stops on an export with the wrong columns or encoding before pushing anything (exit 2, pre-flight)', async () => {
    const rows = [populationRow(1), populationRow(2)];
    const renamed = join(dir, 'renamed.csv');
    await writeFile(
      renamed,
      iconv.encode(`ID,XM,XB\r\n${rows.map((r) => `${r.SFZH},${r.XM},${r.XB}`).join('\r\n')}\r\n`, 'gbk'),
    );
    const utf8 = join(dir, 'utf8.csv');
    await writeFile(utf8, `${columns.join(',')}\r\n${rows.map(csvLine).join('')}`);
    const columnsRun = await runCli(['sync', '-m', mappingFile, '-i', renamed, '--lang', 'en'], { env });
    expect(columnsRun.code, columnsRun.stderr).toBe(2);
    expect(columnsRun.stderr).toContain('sync.input_columns_missing');
    expect(columnsRun.stderr).toContain(
      `${renamed} lacks the column(s) "SFZH", "CSRQ", "MZ", "HJDQ", "JZLB", "GXSJ" that the mapping reads (columns found: ID, XM, XB)`,
    );
    expect(columnsRun.stderr).toContain('缺少映射文件读取的列 「SFZH」、「CSRQ」');
    const encodingRun = await runCli(['sync', '-m', mappingFile, '-i', utf8, '--lang', 'en'], { env });
    expect(encodingRun.code, encodingRun.stderr).toBe(2);
    expect(encodingRun.stderr).toContain('sync.input_undecodable');
    expect(encodingRun.stderr).toContain(`${utf8} is UTF-8 text, not GBK (source.encoding: gbk)`);
    expect(exchangeCounts(sandbox)).toMatchObject({ records: 0, upserts: 0, deletes: 0 });
  });
});
