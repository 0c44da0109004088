import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExchangeClient } from '@unsilo/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { householdRow } from '../../examples/gongan-household/legacy-db';
import { checkDelivery, type Receipt } from '../../examples/vendor-app/delivery-check';
import { runVendorScenario, type VendorRun } from '../../examples/vendor-app/scenario';
import { exampleSandbox } from './example-sandbox';

describe('examples/vendor-app: conditional access, the change feed from a cursor, every receipt checked', () => {
  const example = exampleSandbox('unsilo-vendor-test-');
  let run: VendorRun;
  let vendor: ExchangeClient;
  beforeAll(async () => {
    vendor = example.client('vendor-demo');
    run = await runVendorScenario({
      provider: example.client('gongan'),
      vendor,
      dir: example.dir,
      residents: 1_500,
    });
  });

  it('is refused first (403), asks, and reads once the provider approved', () => {
    expect(run.access).toMatchObject({ refused: { status: 403 }, status: 'approved' });
    expect(run.access.requestId).not.toBe('');
  });

  it('reads every accepted row once, and every receipt covers exactly what the feed delivered', () => {
    // 1,500 rows, 4 rejected by 公安局's mapping before sending.
    expect(run.first.changes).toBe(1_496);
    expect(run.first.delivery).toEqual({ receipts: 2, verified: 2, covered: 1_496, failures: [] });
  });

  it('reads on from its cursor: only the 50 changes of the next day, with their receipt', () => {
    expect(run.next.changes).toBe(50);
    expect(run.next.delivery).toEqual({ receipts: 1, verified: 1, covered: 50, failures: [] });
    expect(run.copy.size).toBe(1_496 + 20);
    const resident = householdRow(0);
    expect(run.copy.get(JSON.stringify({ gmsfhm: resident.GMSFHM }))).toMatchObject({
      xm: resident.XM,
      xb: '2',
    });
  });

  it('notices a record that differs from what the provider delivered, and a receipt that was altered', async () => {
    const lines = (await readFile(join(example.dir, 'gongan/.unsilo/sync/household.receipts.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    const receipts = lines.map((line) => (JSON.parse(line) as { receipt: Receipt }).receipt);
    const changes = await vendor.records.changes('307001030801/000012').toArray();
    const altered = changes.map((c, i) => (i === 7 ? { ...c, record: { ...c.record, xb: '1' } } : c));
    const forged = { ...receipts[2]!, accepted: receipts[2]!.accepted };
    forged.count += 1;
    const check = await checkDelivery(vendor, [receipts[0]!, receipts[1]!, forged], altered);
    expect(check.verified).toBe(0);
    expect(check.failures.map((f) => f.reason).sort()).toEqual([
      'bad_signature',
      'covers no run of the delivered changes',
      'covers no run of the delivered changes',
    ]);
  });
});
