import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { createClientPusher, type SyncMapping, sync } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow } from '../../examples/minzheng-population/generate-data';
import { exchangeCounts, RESOURCE, sandboxWithPopulation } from './support';

describe('rows the exchange refuses (server-side 多元校核)', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-server-rejects-'));
    ({ sandbox, client } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('land in the same rejects file as the mapping rejects, with the source row, and the summary reconciles', async () => {
    // A hand-written mapping with no checks of its own: the exchange is the only one to judge the rows.
    const mapping: SyncMapping = {
      resource: RESOURCE,
      key: ['gmsfhm'],
      map: (values) =>
        values.XM === ''
          ? {
              ok: false,
              errors: [{ field: 'xm', rule: 'required', message: 'name is empty', zh: '姓名为空' }],
            }
          : {
              ok: true,
              record: {
                gmsfhm: values.SFZH,
                xm: values.XM,
                xb: values.XB,
                csrq: values.CSRQ,
                hjdq: values.HJDQ,
              },
            },
    };
    async function* rows() {
      for (let i = 0; i < 1_000; i += 1) {
        const p = populationRow(i);
        const csrq = `${p.CSRQ.slice(0, 4)}-${p.CSRQ.slice(4, 6)}-${p.CSRQ.slice(6, 8)}`;
        const xb = Number(p.SFZH[16]) % 2 === 1 ? '1' : '2';
        yield {
          SFZH: p.SFZH,
          XM: i % 250 === 3 ? '' : p.XM,
          // Every 100th row carries a sex code outside GB/T 2261.1, which only the exchange checks here.
          XB: i % 100 === 7 ? '7' : xb,
          CSRQ: csrq,
          HJDQ: p.HJDQ,
        };
      }
    }
    const result = await sync({
      mapping,
      source: rows(),
      push: createClientPusher(client),
      batchSize: 300,
      checkpoint: join(dir, 'cp.json'),
    });
    expect(result).toMatchObject({ read: 1_000, rejected: 14, accepted: 986, unchanged: 0, completed: true });
    expect(exchangeCounts(sandbox).records).toBe(986);

    const rejects = (await readFile(join(dir, 'cp.rejects.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rejects).toHaveLength(14);
    expect(rejects.filter((r) => r.stage === 'client').map((r) => r.row)).toEqual([4, 254, 504, 754]);
    const refused = rejects.filter((r) => r.stage === 'server');
    expect(refused.map((r) => r.row)).toEqual(Array.from({ length: 10 }, (_, k) => k * 100 + 8));
    expect(refused[0]).toMatchObject({
      row: 8,
      errors: [expect.objectContaining({ field: 'xb', value: '7' })],
      source: expect.objectContaining({ XB: '7', SFZH: populationRow(7).SFZH }),
    });
    expect(refused[0].errors[0].zh).toBeTruthy();
  });
});
