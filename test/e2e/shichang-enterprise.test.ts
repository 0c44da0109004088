import type { ExchangeClient } from '@unsilo/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ENTERPRISE_RESOURCE,
  type EnterpriseRun,
  runEnterpriseExample,
} from '../../examples/shichang-enterprise/enterprise-example';
import { enterpriseRow } from '../../examples/shichang-enterprise/generate-data';
import { exampleSandbox } from './example-sandbox';

describe('examples/shichang-enterprise: an XLSX export under a title row, USCCs checked, snapshot mode', () => {
  const example = exampleSandbox('unsilo-shichang-test-');
  let shichang: ExchangeClient;
  let run: EnterpriseRun;
  beforeAll(async () => {
    shichang = example.client('shichang');
    run = await runEnterpriseExample({ client: shichang, dir: example.dir, enterprises: 300 });
  });

  it('reads the header on row 2 and rejects the USCC with a wrong check character and the one 17 long', () => {
    expect(run.first).toMatchObject({ completed: true, read: 300, accepted: 298, rejected: 2 });
    expect(run.firstRejects.map((r) => [r.rule, r.field, r.count, r.example.row])).toEqual([
      ['uscc', 'tyshxydm', 2, 6],
    ]);
  });

  it('keeps the USCC whose embedded organisation code fails (in force), with M/F as GB/T 2261.1', async () => {
    const row = enterpriseRow(20);
    const records = await shichang.records
      .query(ENTERPRISE_RESOURCE, { filter: { fddbrsfzh: row.法定代表人证件号码 } } as never)
      .toArray();
    expect(records).toEqual([
      expect.objectContaining({ fddbr: row.法定代表人, fddbrxb: row.法定代表人性别 === 'M' ? '1' : '2' }),
    ]);
    expect((records[0] as { tyshxydm: string }).tyshxydm).not.toBe(row.统一社会信用代码);
  });

  it('sends only June’s changes, holds the deletions while keyless rows are rejected, deletes once reviewed', () => {
    // 310 rows less 12 deregistered (24, 49 … 299); 15 moved (19, 39 … 299), 3 of them deregistered too.
    expect(run.second).toMatchObject({
      completed: true,
      read: 298,
      rejected: 2,
      accepted: 12 + 10,
      deleted: 0,
    });
    expect(run.second.unchanged).toBe(298 - 2 - 22);
    expect(run.second.heldDeletes).toMatchObject({ count: 12, keylessRejects: 2 });
    expect(run.reviewed).toMatchObject({ completed: true, read: 298, rejected: 2, accepted: 0, deleted: 12 });
  });
});
