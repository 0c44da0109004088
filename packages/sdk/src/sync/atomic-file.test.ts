import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendLog, writeFileAtomic } from './atomic-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const path = join(dir, 'cp.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['cp.json']);
  });
});

describe('AppendLog', () => {
  it('cuts a torn tail back to the length a checkpoint vouched for', async () => {
    const path = join(dir, 'receipts.ndjson');
    const log = await AppendLog.open(path);
    await log.append('{"batch":0}\n');
    const durable = await log.sync();
    await log.append('{"batch":1}\n{"bat');
    await log.close();
    const again = await AppendLog.open(path, durable);
    await again.append('{"batch":1}\n');
    await again.close();
    expect(await readFile(path, 'utf8')).toBe('{"batch":0}\n{"batch":1}\n');
  });

  it('refuses a file shorter than the checkpoint says', async () => {
    const path = join(dir, 'rejects.ndjson');
    await writeFile(path, 'x');
    await expect(AppendLog.open(path, 10)).rejects.toThrow(/shorter/);
  });
});
