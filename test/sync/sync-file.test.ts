import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { loadCheckpoint, mappingDigest, SyncError, SyncMappingError, syncFile } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { exchangeCounts, mappingFile, RESOURCE, sandboxWithPopulation } from './support';

describe('syncFile', { timeout: 60_000 }, () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-sync-file-'));
    ({ sandbox, client } = await sandboxWithPopulation());
    await writePopulationCsv(join(dir, 'population.csv'), 1_200);
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("syncs a file through the mapping file's reader options, keeping the checkpoint under the folder", async () => {
    const starts: unknown[] = [];
    const result = await syncFile({
      mapping: mappingFile,
      input: join(dir, 'population.csv'),
      client: async () => client,
      folder: dir,
      batchSize: 500,
      estimateTotal: true,
      onStart: (start) => starts.push(start),
    });
    const checkpoint = join(dir, '.unsilo', 'sync', '307002010101-000001.full.json');
    expect(starts).toEqual([{ resource: RESOURCE, checkpoint, total: 1_200 }]);
    expect(result).toMatchObject({ completed: true, read: 1_200, accepted: 1_200, batches: 3, checkpoint });
    expect(exchangeCounts(sandbox).records).toBe(1_200);
    // The checkpoint pins this mapping and this input file, so a resume with others is refused.
    const saved = await loadCheckpoint(checkpoint);
    const text = await readFile(mappingFile, 'utf8');
    expect(saved?.mapping).toBe(mappingDigest(text));
    expect(saved?.run?.input).toMatchObject({ path: join(dir, 'population.csv'), size: expect.any(Number) });
  });

  it('refuses a mapping that does not fit the exchange entry, with positioned diagnostics, sending nothing', async () => {
    const text = (await readFile(mappingFile, 'utf8')).replace(
      '  xm: { from: XM',
      '  nosuch: { from: XM }\n  xm: { from: XM',
    );
    const before = exchangeCounts(sandbox).upserts;
    const error = await syncFile({
      mapping: { text },
      input: join(dir, 'population.csv'),
      client,
      folder: dir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncMappingError);
    const found = (error as SyncMappingError).diagnostics.filter((d) => d.severity === 'error');
    expect(found.map((d) => [d.code, d.range?.start.line])).toEqual([
      [expect.stringMatching(/^mapping\//), 9],
    ]);
    expect((error as SyncMappingError).code).toBe('sync.mapping_invalid');
    expect(exchangeCounts(sandbox).upserts).toBe(before);
  });

  it('refuses a workbook given as the CSV export before pushing anything (pre-flight)', async () => {
    const before = exchangeCounts(sandbox).upserts;
    const workbook = join(dir, 'population-export.csv');
    await copyFile(
      fileURLToPath(new URL('../fixtures/mapping/scjg/qiye-minglu.xlsx', import.meta.url)),
      workbook,
    );
    const error = await syncFile({ mapping: mappingFile, input: workbook, client, folder: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({
      code: 'sync.input_wrong_format',
      message: `${workbook} is not a CSV file: detected a ZIP file (an .xlsx workbook is one); set source.format: xlsx in the mapping`,
    });
    expect(exchangeCounts(sandbox).upserts).toBe(before);
  });

  it('names the file it cannot read, in English and Chinese', async () => {
    const missing = join(dir, 'missing.csv');
    const error = await syncFile({ mapping: mappingFile, input: missing, client, folder: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'sync.input_unreadable' });
    expect((error as SyncError).message).toMatch(new RegExp(`^cannot read ${missing}: ENOENT`));
    expect((error as SyncError).zh).toMatch(new RegExp(`^无法读取 ${missing}：ENOENT`));

    const noMapping = join(dir, 'none.mapping.yaml');
    await expect(
      syncFile({ mapping: noMapping, input: join(dir, 'population.csv'), client, folder: dir }),
    ).rejects.toMatchObject({ code: 'sync.mapping_unreadable' });
  });
});
