import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { createClientPusher, type SyncMapping, sync } from '@unsilo/sdk/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow, writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { mappingFile, minzhengEnv, RESOURCE, sandboxWithPopulation } from './support';

const ROWS = 600;

/** The example's rows with faults only the client sees: a sex code the mapping does not know, an impossible date. */
function* faultyRows() {
  for (let i = 0; i < ROWS; i += 1) {
    const row = populationRow(i);
    if (i % 50 === 7) row.XB = '9';
    if (i % 75 === 11) row.CSRQ = '19991399';
    yield row;
  }
}

describe('the reject rate counts rows refused by the client (sync reports its runs)', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-run-report-'));
    ({ sandbox, client } = await sandboxWithPopulation());
    await writePopulationCsv(join(dir, 'population.csv'), faultyRows());
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the same rate in the CLI summary as the quality endpoint shows', async () => {
    const env = minzhengEnv(sandbox.url);
    const args = ['sync', '-m', mappingFile, '-i', join(dir, 'population.csv'), '--lang', 'en'];
    const json = await runCli([...args, '--format', 'json'], { cwd: dir, env });
    expect(json.code, json.stderr).toBe(1);
    const summary = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    const refused = 12 + 8; // rows 7, 57, … (XB 9) and 11, 86, … (CSRQ); none both
    expect(summary).toMatchObject({
      read: ROWS,
      rejected: refused,
      accepted: ROWS - refused,
      report: { reported: true },
    });
    expect(summary.rejectRate).toBe(refused / ROWS);

    const quality = (await client.quality.get(RESOURCE)).data;
    expect(quality).toMatchObject({
      rowsRead: ROWS,
      refusedLocally: { total: refused, byReason: { codes: 12, date: 8 } },
      rejectedByExchange: 0,
      rejectRate: 0,
    });
    expect(quality.rowRejectRate).toBe(summary.rejectRate);

    // A second run (the text summary): the exchange's figure is over both runs, the same share here.
    const text = await runCli(args, { cwd: dir, env });
    expect(text.code, text.stderr).toBe(1);
    const printed = `${((refused / ROWS) * 100).toFixed(2)} %`;
    expect(text.stdout).toContain(
      `Reject rate (refused locally + rejected by the exchange, over rows read): ${printed}`,
    );
    const both = (await client.quality.get(RESOURCE)).data;
    expect(both.rowsRead).toBe(2 * ROWS);
    expect(`${(both.rowRejectRate * 100).toFixed(2)} %`).toBe(printed);
  }, 120_000);

  it('keeps the run when its report fails, and says so in the result', async () => {
    const mapping: SyncMapping = {
      resource: RESOURCE,
      key: ['gmsfhm'],
      map: (values) => ({
        ok: true,
        record: { gmsfhm: values.SFZH, xm: values.XM, xb: '1', csrq: '1990-01-01' },
      }),
    };
    async function* rows() {
      yield { SFZH: populationRow(0).SFZH, XM: populationRow(0).XM };
    }
    const result = await sync({
      mapping,
      source: rows(),
      push: createClientPusher(client),
      report: async () => {
        throw new Error('exchange unreachable');
      },
    });
    expect(result).toMatchObject({
      completed: true,
      read: 1,
      report: { reported: false, reason: 'exchange unreachable' },
    });
  });
});
