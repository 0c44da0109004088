import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotState } from './snapshot-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const resource = '307001030801/000012';

/** A state file as every unsilo so far has written it: version 1. */
const versionOne = `#unsilo-snapshot v1 ${resource}
Qk3xTz0aZ8-_b1c2\t["11010519491231002X"]
aaaaaaaaaaaaaaaa\t["110105194912310029",2]
`;

async function written(content: string): Promise<string> {
  const path = join(dir, 'population.state');
  await writeFile(path, content);
  return path;
}

describe('snapshot state files', () => {
  it('reads a version 1 file and writes it back unchanged', async () => {
    const path = await written(versionOne);
    const state = await SnapshotState.load(path, resource);
    expect([...state.hashes]).toEqual([
      ['["11010519491231002X"]', 'Qk3xTz0aZ8-_b1c2'],
      ['["110105194912310029",2]', 'aaaaaaaaaaaaaaaa'],
    ]);
    await state.save(path);
    expect(await readFile(path, 'utf8')).toBe(versionOne);
  });

  it('is empty when there is no file', async () => {
    expect((await SnapshotState.load(join(dir, 'none.state'), resource)).hashes.size).toBe(0);
  });

  it.each(['v2', 'v10'])(
    'refuses a file of a newer format (%s), saying to upgrade or to start over',
    async (v) => {
      const path = await written(versionOne.replace('v1', v));
      const version = v.slice(1);
      await expect(SnapshotState.load(path, resource)).rejects.toMatchObject({
        code: 'sync.state_too_new',
        message: `Snapshot state ${path} was written by a newer unsilo (format version ${version}; this one reads up to 1). Upgrade unsilo, or delete it (or name another file with --state) to send every row again.`,
        zh: `快照状态文件 ${path} 由更新版本的 unsilo 写入（格式版本 ${version}，本版本最高可读 1）。请升级 unsilo；或删除该文件（或用 --state 指定其他文件），将重新发送全部数据。`,
      });
    },
  );

  it.each([
    ['an empty file', '', 1],
    ['no header', versionOne.split('\n').slice(1).join('\n'), 1],
    ['version 0', versionOne.replace('v1', 'v0'), 1],
    ['a line without a tab', `${versionOne}abc\n`, 4],
    ['a short hash', `${versionOne}abc\t["x"]\n`, 4],
    ['a key that is not a list', `${versionOne}bbbbbbbbbbbbbbbb\t"x"\n`, 4],
  ])('refuses a damaged file (%s) at its line', async (_, content, line) => {
    const path = await written(content);
    await expect(SnapshotState.load(path, resource)).rejects.toMatchObject({
      code: 'sync.state_invalid',
      message: `Snapshot state ${path} is damaged at line ${line}. Delete it (or name another file with --state) to send every row again.`,
    });
  });

  it("refuses another resource's state", async () => {
    const path = await written(versionOne);
    await expect(SnapshotState.load(path, '307001030801/000099')).rejects.toMatchObject({
      code: 'sync.state_mismatch',
    });
  });
});
