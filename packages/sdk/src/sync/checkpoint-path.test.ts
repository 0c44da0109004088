import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint';
import { adoptLegacyCheckpoint, defaultCheckpointPath } from './checkpoint-path';

const RESOURCE = '307002010101/000001';

describe('per-mode checkpoints and the per-resource checkpoint of earlier versions', () => {
  let folder: string;
  let syncDir: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'unsilo-checkpoint-path-'));
    syncDir = join(folder, '.unsilo', 'sync');
    await mkdir(syncDir, { recursive: true });
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function writeLegacy(mode: string) {
    const legacy = join(syncDir, '307002010101-000001.json');
    const receipts = join(syncDir, '307002010101-000001.receipts.ndjson');
    const checkpoint = { version: 1, resource: RESOURCE, mode, mapping: 'm', generation: 'run-7' };
    await writeFile(legacy, JSON.stringify({ ...checkpoint, receipts: { file: receipts, bytes: 12 } }));
    return legacy;
  }

  it('names one checkpoint per resource and mode', () => {
    expect(defaultCheckpointPath(folder, RESOURCE, 'snapshot')).toBe(
      join(syncDir, '307002010101-000001.snapshot.json'),
    );
  });

  it('adopts a legacy checkpoint of the same mode once, with its snapshot state', async () => {
    const legacy = await writeLegacy('snapshot');
    await writeFile(join(syncDir, '307002010101-000001.state'), `#unsilo-snapshot v1 ${RESOURCE}\n`);

    expect(await adoptLegacyCheckpoint(folder, RESOURCE, 'snapshot')).toBe(legacy);
    const adopted = await loadCheckpoint(join(syncDir, '307002010101-000001.snapshot.json'));
    expect(adopted).toMatchObject({ mode: 'snapshot', generation: 'run-7', receipts: { bytes: 12 } });
    expect(await readFile(join(syncDir, '307002010101-000001.snapshot.state'), 'utf8')).toBe(
      `#unsilo-snapshot v1 ${RESOURCE}\n`,
    );
    await expect(stat(legacy)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await stat(`${legacy}.migrated`)).toMatchObject({ size: expect.any(Number) });
    // Once only: a later call finds nothing to adopt.
    expect(await adoptLegacyCheckpoint(folder, RESOURCE, 'snapshot')).toBeUndefined();
  });

  it('leaves a legacy checkpoint of another mode for a run of that mode', async () => {
    const legacy = await writeLegacy('incremental');
    expect(await adoptLegacyCheckpoint(folder, RESOURCE, 'full')).toBeUndefined();
    expect((await loadCheckpoint(legacy))?.mode).toBe('incremental');
    await expect(stat(join(syncDir, '307002010101-000001.full.json'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('does not create the folder when there is nothing to adopt', async () => {
    const empty = join(folder, 'elsewhere');
    expect(await adoptLegacyCheckpoint(empty, RESOURCE, 'full')).toBeUndefined();
    await expect(stat(empty)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
