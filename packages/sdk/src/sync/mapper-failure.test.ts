import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sync } from './sync';
import { map, mapping, memoryExchange, people, rowsOf } from './test-support/memory-exchange';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unsilo-mapper-failure-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('rejects a row whose mapper throws with the reason in English and Chinese, and goes on', async () => {
  const exchange = memoryExchange();
  const throwing: typeof map = (values, row) => {
    if (row === 2) throw new Error('lookup table missing');
    return map(values, row);
  };
  const result = await sync({
    mapping: { ...mapping, map: throwing },
    source: rowsOf(people(3)),
    push: exchange.push,
    checkpoint: join(dir, 'cp.json'),
  });
  expect(result).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
  const rejects = (await readFile(join(dir, 'cp.rejects.ndjson'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(rejects.map((reject) => [reject.row, reject.errors])).toEqual([
    [
      2,
      [
        {
          field: '',
          rule: 'mapping/internal',
          message: 'lookup table missing',
          zh: '映射该行时出错：lookup table missing',
        },
      ],
    ],
  ]);
});
