import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { exampleDir, mappingFile, minzhengEnv, sandboxWithPopulation } from '../sync/support';

describe('unsilo receipts verify', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  let receipts: string[];
  beforeAll(async () => {
    ({ sandbox } = await sandboxWithPopulation());
    dir = await mkdtemp(join(tmpdir(), 'unsilo-receipts-'));
    const checkpoint = join(dir, 'checkpoint.json');
    const input = join(exampleDir, 'data', 'population.csv');
    const sync = await runCli(
      [
        'sync',
        '-m',
        mappingFile,
        '-i',
        input,
        '--checkpoint',
        checkpoint,
        '--batch-size',
        '50',
        '--format',
        'json',
      ],
      { env: minzhengEnv(sandbox.url) },
    );
    // Exit 1: the example export has rows the mapping rejects on purpose; every batch still has its receipt.
    expect([0, 1], sync.stderr).toContain(sync.code);
    receipts = (await readFile(join(dir, 'checkpoint.receipts.ndjson'), 'utf8')).trim().split('\n');
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const verify = (file: string, more: string[] = []) =>
    runCli(['receipts', 'verify', file, '--lang', 'en', ...more], { env: minzhengEnv(sandbox.url) });
  const fileOf = async (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };

  it('passes every receipt of a sync run', async () => {
    expect(receipts.length).toBeGreaterThanOrEqual(4);
    const path = await fileOf('good.ndjson', `${receipts.join('\n')}\n`);
    const text = await verify(path);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `${receipts.length} receipts, ${receipts.length} valid, 0 invalid (1 sync run)`,
    );
    const json = await verify(path, ['--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      lines: receipts.length,
      valid: receipts.length,
      failed: 0,
      failures: [],
    });
  });

  it('names the tampered line, the bad bytes and the wrong batch, and exits 1', async () => {
    const lines = [...receipts];
    const tampered = JSON.parse(lines[1]!) as { batch: number; receipt: { accepted: number } };
    tampered.receipt.accepted += 1;
    lines[1] = JSON.stringify(tampered);
    const swapped = JSON.parse(lines[2]!) as { idempotencyKey: string };
    swapped.idempotencyKey = (JSON.parse(lines[3]!) as { idempotencyKey: string }).idempotencyKey;
    lines[2] = JSON.stringify(swapped);
    const content = Buffer.concat([
      Buffer.from(`${lines.join('\n')}\n{not json\n`),
      Buffer.from([0xff, 0xfe, 0x0a]),
    ]);
    const run = await verify(await fileOf('bad.ndjson', content));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`${lines.length + 2} receipts, ${lines.length - 2} valid, 4 invalid`);
    expect(run.stdout).toContain(`line 2 (batch ${tampered.batch}): the signature does not match`);
    expect(run.stdout).toContain('[bad_signature]');
    expect(run.stdout).toContain('line 3 (batch');
    expect(run.stdout).toContain('[key_mismatch]');
    expect(run.stdout).toContain(`line ${lines.length + 1}: the line is not a JSON object [not_json]`);
    expect(run.stdout).toContain(`line ${lines.length + 2}: the line is not UTF-8 [not_utf8]`);
    const zh = await runCli(['receipts', 'verify', join(dir, 'bad.ndjson'), '--lang', 'zh'], {
      env: minzhengEnv(sandbox.url),
    });
    expect(zh.stdout).toContain(`第 2 行（批次 ${tampered.batch}）：签名不符`);
  });

  it('fails a line over 1 MiB, named, and reads on', async () => {
    const long = `{"receipt":"${'x'.repeat(1024 * 1024 + 10)}"}`;
    const run = await verify(await fileOf('long.ndjson', `${receipts[0]}\n${long}\n${receipts[1]}\n`));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 receipts, 2 valid, 1 invalid');
    expect(run.stdout).toContain('line 2: the line is longer than 1 MiB [line_too_long]');
  });

  it('refuses a file over 1 GiB and a missing file with exit 2', async () => {
    const huge = join(dir, 'huge.ndjson');
    await writeFile(huge, '');
    await truncate(huge, 1024 * 1024 * 1024 + 1); // sparse: no gigabyte is written
    const tooLarge = await verify(huge);
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toContain('[receipts.file_too_large]');
    const missing = await verify(join(dir, 'missing.ndjson'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[receipts.file_unreadable]');
    expect(missing.stderr).toContain('ENOENT');
  });

  it('explains itself in both languages', async () => {
    const help = await runCli(['receipts', 'verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('0 every receipt valid; 1 some invalid');
    expect(help.stdout).toContain('退出码：0 全部有效');
  });
});
