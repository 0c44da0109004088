import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_VERSION, loadCheckpoint, saveCheckpoint } from './checkpoint';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-checkpoint-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An interrupted run's checkpoint as the first unsilo with checkpoints wrote it (no `run.input` yet). */
const firstFormat = {
  version: 1,
  resource: '307001030801/000012',
  mode: 'snapshot',
  mapping: 'c3f1e0aa9b',
  generation: '0',
  receipts: { file: '.unsilo/sync/population.receipts.ndjson', bytes: 2048 },
  run: {
    id: '6f1c2d4e-0000-4000-8000-000000000001',
    startedAt: '2026-11-26T06:00:00.000Z',
    completed: false,
    batchSize: 1000,
    position: 3000,
    nextBatch: 3,
    deletesCommitted: 0,
    counts: { read: 3000, accepted: 2990, rejected: 10, unchanged: 0, deleted: 0, batches: 3, retries: 1 },
    rejects: { file: '.unsilo/sync/population.rejects.ndjson', bytes: 512 },
  },
};

async function written(content: unknown): Promise<string> {
  const path = join(dir, 'cp.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('checkpoint files', () => {
  it('reads a checkpoint of the first format and writes it back in the current one', async () => {
    const path = await written(firstFormat);
    const loaded = await loadCheckpoint(path);
    expect(loaded).toEqual(firstFormat);
    expect(loaded?.run?.input).toBeUndefined();
    await saveCheckpoint(path, loaded!);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ ...firstFormat, version: CHECKPOINT_VERSION });
  });

  it('reads objects without a prototype', async () => {
    const loaded = await loadCheckpoint(await written(firstFormat));
    expect(Object.getPrototypeOf(loaded)).toBeNull();
    expect(Object.getPrototypeOf(loaded?.run?.counts)).toBeNull();
  });

  it('refuses a checkpoint of a newer format, saying to upgrade or to start a new run', async () => {
    const path = await written({ ...firstFormat, version: CHECKPOINT_VERSION + 1, somethingNew: true });
    const attempt = loadCheckpoint(path);
    await expect(attempt).rejects.toMatchObject({
      code: 'sync.checkpoint_too_new',
      message: `Checkpoint ${path} was written by a newer unsilo (format version 2; this one reads up to 1). Upgrade unsilo to continue from it, or delete it (or name another file with --checkpoint) to start a new run.`,
      zh: `检查点文件 ${path} 由更新版本的 unsilo 写入（格式版本 2，本版本最高可读 1）。请升级 unsilo 后继续；或删除该文件（或用 --checkpoint 指定其他文件）以开始新的同步。`,
    });
  });

  it.each([
    ['{"version": 1, "resource": ', 'not valid JSON', '不是有效的 JSON'],
    ['[1]', 'not a JSON object', '不是 JSON 对象'],
    [{ ...firstFormat, version: undefined }, 'no format version', '缺少格式版本'],
    [{ ...firstFormat, version: '1' }, 'no format version', '缺少格式版本'],
    [{ ...firstFormat, mode: 'mirror' }, '"mode" is missing or invalid', '字段 mode 缺失或无效'],
    [
      { ...firstFormat, run: { ...firstFormat.run, completed: 'no' } },
      '"run.completed" is missing',
      'run.completed',
    ],
    [
      { ...firstFormat, run: { ...firstFormat.run, counts: { ...firstFormat.run.counts, read: -1 } } },
      '"run.counts.read" is missing',
      'run.counts.read',
    ],
  ])('refuses a damaged checkpoint (%#), naming what is wrong and what to do', async (content, en, zh) => {
    const path = await written(content);
    const error = await loadCheckpoint(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sync.checkpoint_invalid' });
    const { message, zh: chinese } = error as { message: string; zh: string };
    expect(message).toContain(`Checkpoint ${path} is damaged: ${en}`);
    expect(message).toContain('Delete it (or name another file with --checkpoint) to start a new run.');
    expect(chinese).toContain(zh);
    expect(chinese).toContain('请删除该文件（或用 --checkpoint 指定其他文件）以开始新的同步');
  });

  it('is undefined when there is no file', async () => {
    expect(await loadCheckpoint(join(dir, 'none.json'))).toBeUndefined();
  });
});
