import type { ExchangeClient } from '@unsilo/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUSEHOLD_RESOURCE, runHouseholdExample } from '../../examples/gongan-household/household-example';
import { householdRow } from '../../examples/gongan-household/legacy-db';
import { exampleSandbox } from './example-sandbox';

describe('examples/gongan-household: a legacy SQLite register, sex 0/1, synced incrementally', () => {
  const example = exampleSandbox('unsilo-gongan-test-');
  let gongan: ExchangeClient;
  beforeAll(() => {
    gongan = example.client('gongan');
  });

  it('pushes the register with its four defects rejected, then only the next day’s changes', async () => {
    const run = await runHouseholdExample({
      client: gongan,
      dir: example.dir,
      residents: 600,
      moved: 30,
      arrived: 20,
    });
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
