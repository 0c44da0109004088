import { mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow, writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { exchangeCounts, mappingFile, minzhengEnv, sandboxWithPopulation } from './support';

/**
 * Issue 14: an export that failed (0 bytes, or a header alone) or came out truncated must not withdraw a
 * department's data in snapshot mode. Every key of the last run "vanishes" then; the deletes are held and listed
 * like those held for keyless rejects, and go only with `--allow-empty-snapshot` / `--allow-mass-delete`.
 */
const ROWS = 300;
const KEPT = 30;

describe('unsilo sync --mode snapshot: an empty or truncated export deletes nothing by default', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let input: string;
  let heldFile: string;
  let args: string[];
  let env: NodeJS.ProcessEnv;

  const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);
  const listedKeys = async () =>
    (await readFile(heldFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).gmsfhm as string)
      .sort();
  const keysOf = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => populationRow(from + i).SFZH).sort();

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'unsilo-empty-snapshot-')));
    ({ sandbox } = await sandboxWithPopulation());
    env = minzhengEnv(sandbox.url);
    input = join(dir, 'population.csv');
    heldFile = join(dir, 'state', 'population.held-deletes.ndjson');
    args = ['sync', '-m', mappingFile, '-i', input, '--mode', 'snapshot'];
    args.push('--checkpoint', join(dir, 'state', 'population.json'), '--no-progress', '--lang', 'en');
    await writePopulationCsv(input, ROWS);
    const first = await runCli([...args, '--format', 'json'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(exchangeCounts(sandbox).records).toBe(ROWS);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds every delete of a 0-byte export, lists them and exits 1', async () => {
    await writeFile(input, '');
    const run = await runCli([...args, '--format', 'json'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(summaryOf(run.stdout)).toMatchObject({
      read: 0,
      deleted: 0,
      heldDeletes: { count: ROWS, reason: 'empty-input', keylessRejects: 0, file: heldFile },
    });
    expect(await listedKeys()).toEqual(keysOf(0, ROWS));
    expect(exchangeCounts(sandbox)).toMatchObject({ records: ROWS, deletes: 0 });
  }, 60_000);

  it('holds every delete of a header-only export and says to check the export job', async () => {
    await writePopulationCsv(input, []);
    const run = await runCli(args, { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(
      `${ROWS} deletions held because the input has no data rows while the last run left ${ROWS} records; check the export job; list: ${heldFile}; if the department really has no records left, run again with --allow-empty-snapshot`,
    );
    const zh = await runCli([...args.slice(0, -1), 'zh'], { env });
    expect(zh.code, zh.stderr).toBe(1);
    expect(zh.stdout).toContain(`保留 ${ROWS} 个删除：输入文件没有数据行`);
    expect(zh.stdout).toContain('--allow-empty-snapshot');
    expect(exchangeCounts(sandbox)).toMatchObject({ records: ROWS, deletes: 0 });
  }, 60_000);

  it('holds the deletes of a truncated export, then applies them with --allow-mass-delete', async () => {
    await writePopulationCsv(
      input,
      Array.from({ length: KEPT }, (_, i) => populationRow(i)),
    );
    const held = await runCli([...args, '--format', 'json'], { env });
    expect(held.code, held.stderr).toBe(1);
    expect(summaryOf(held.stdout)).toMatchObject({
      read: KEPT,
      unchanged: KEPT,
      deleted: 0,
      heldDeletes: { count: ROWS - KEPT, reason: 'mass-delete', keylessRejects: 0, file: heldFile },
    });
    expect(await listedKeys()).toEqual(keysOf(KEPT, ROWS));
    expect(exchangeCounts(sandbox)).toMatchObject({ records: ROWS, deletes: 0 });
    const pretty = await runCli(args, { env });
    expect(pretty.stdout).toContain(
      `${ROWS - KEPT} deletions held because ${ROWS - KEPT} of the ${ROWS} records of the last run vanished (more than half); check the export job; list: ${heldFile}; review, then run again with --allow-mass-delete`,
    );

    // Allowing the other reasons does not apply a mass deletion.
    const other = await runCli(
      [...args, '--format', 'json', '--allow-empty-snapshot', '--allow-deletes-with-rejects'],
      { env },
    );
    expect(other.code, other.stderr).toBe(1);
    expect(summaryOf(other.stdout)).toMatchObject({ deleted: 0, heldDeletes: { reason: 'mass-delete' } });

    const allowed = await runCli([...args, '--format', 'json', '--allow-mass-delete'], { env });
    expect(allowed.code, allowed.stderr).toBe(0);
    const summary = summaryOf(allowed.stdout);
    expect(summary).toMatchObject({ deleted: ROWS - KEPT });
    expect(summary.heldDeletes).toBeUndefined();
    expect(exchangeCounts(sandbox)).toMatchObject({ records: KEPT, deletes: ROWS - KEPT });
    await expect(stat(heldFile)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('empties the resource with --allow-empty-snapshot', async () => {
    await writeFile(input, '');
    const held = await runCli([...args, '--format', 'json', '--allow-mass-delete'], { env });
    expect(held.code, held.stderr).toBe(1);
    expect(summaryOf(held.stdout)).toMatchObject({
      deleted: 0,
      heldDeletes: { count: KEPT, reason: 'empty-input' },
    });
    const allowed = await runCli([...args, '--format', 'json', '--allow-empty-snapshot'], { env });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(summaryOf(allowed.stdout)).toMatchObject({ read: 0, deleted: KEPT });
    expect(exchangeCounts(sandbox)).toMatchObject({ records: 0, deletes: ROWS });
    await expect(stat(heldFile)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);

  it('sends the few deletions of a normal snapshot without asking', async () => {
    await writePopulationCsv(input, ROWS);
    const full = await runCli([...args, '--format', 'json'], { env });
    expect(full.code, full.stderr).toBe(0);
    expect(summaryOf(full.stdout)).toMatchObject({ accepted: ROWS, deleted: 0 });
    const removed = [5, 77, 150, 299];
    await writePopulationCsv(
      input,
      Array.from({ length: ROWS }, (_, i) => populationRow(i)).filter((_, i) => !removed.includes(i)),
    );
    const run = await runCli([...args, '--format', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const summary = summaryOf(run.stdout);
    expect(summary).toMatchObject({ read: ROWS - removed.length, deleted: removed.length });
    expect(summary.heldDeletes).toBeUndefined();
    expect(exchangeCounts(sandbox).records).toBe(ROWS - removed.length);
  }, 120_000);
});
