import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSEHOLD_RESOURCE, runHouseholdExample } from '../../examples/gongan-household/household-example';
import { householdRow } from '../../examples/gongan-household/legacy-db';

describe('examples/gongan-household: a legacy SQLite register, sex 0/1, synced incrementally', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let gongan: ExchangeClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-gongan-test-'));
    sandbox = await startSandbox({ memory: true });
    gongan = createExchangeClient({
      baseUrl: sandbox.url,
      auth: {
        type: 'clientCredentials',
        clientId: 'gongan-demo',
        clientSecret: 'gongan-demo-secret-2f9c1e7a',
      },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes the register with its four defects rejected, then only the next day’s changes', async () => {
    const run = await runHouseholdExample({ client: gongan, dir, residents: 600, moved: 30, arrived: 20 });
    expect(run.first).toMatchObject({ completed: true, read: 600, accepted: 596, rejected: 4 });
    expect(run.second).toMatchObject({ completed: true, read: 50, accepted: 50, rejected: 0 });
    expect(run.changed).toHaveLength(50);

    const reasons = run.firstRejects;
    expect(Object.fromEntries(reasons.map((r) => [`${r.rule} ${r.field}`, r.count]))).toEqual({
      'idcard gmsfhm': 1,
      'codes xb': 1,
      'idcard-consistent xb': 1,
      'date csrq': 1,
    });
  });

  it('stores the standard code: 0 (male) became 1 and 1 (female) became 2, checked against the ID number', async () => {
    const man = householdRow(1);
    const woman = householdRow(0);
    expect([man.XB, woman.XB]).toEqual(['0', '1']);
    const read = async (id: string) =>
      (await gongan.records.query(HOUSEHOLD_RESOURCE, { filter: { gmsfhm: id } } as never).toArray())[0];
    expect(await read(man.GMSFHM)).toMatchObject({
      xb: '1',
      yhzgx: '02',
      csrq: expect.stringMatching(/^\d{4}-/),
    });
    expect(await read(woman.GMSFHM)).toMatchObject({ xb: '2', yhzgx: '02' });
  });
});
