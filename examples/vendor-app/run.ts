// A vendor's application on the exchange: asks for conditional access to 公安局's household register, waits
// for the approval, follows the change feed from a saved cursor and checks every receipt the provider handed over.
//
//   npm run example:vendor     (or: node --conditions=source --import tsx examples/vendor-app/run.ts)
//
// It starts a local sandbox in memory with the demo departments and plays the provider's part too (publishing,
// pushing, approving), as 公安局 would on a real exchange. Its files live in a temporary folder, removed at the end.
// With UNSILO_BASE_URL set it starts no sandbox and talks to that exchange instead (one seeded with the demo
// departments), e.g. under the compliance proxy:
//
//   npx unsilo proxy --check --target http://127.0.0.1:7300 -- npm run example:vendor
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@unsilo/sandbox';
import { createExchangeClient } from '@unsilo/sdk';
import { runVendorScenario } from './scenario';

const givenUrl = process.env.UNSILO_BASE_URL;
const sandbox = givenUrl ? undefined : await startSandbox({ memory: true });
const baseUrl = givenUrl ?? sandbox!.url;
const client = (clientId: string, clientSecret: string) =>
  createExchangeClient({ baseUrl, auth: { type: 'clientCredentials', clientId, clientSecret } });
const dir = mkdtempSync(join(tmpdir(), 'unsilo-vendor-'));
try {
  const run = await runVendorScenario({
    // The sandbox's public demo secrets; real ones only ever come from the environment.
    provider: client('gongan-demo', 'gongan-demo-secret-2f9c1e7a'),
    vendor: client('vendor-demo', 'vendor-demo-secret-9d5b3e7c'),
    dir,
    residents: Number(process.env.RESIDENTS ?? 2_000),
  });
  const { refused, requestId, status } = run.access;
  if (refused)
    console.log(
      `未经审批读取被拒 / refused before asking: ${refused.status} ${refused.code} — ${refused.reason}`,
    );
  console.log(`共享申请 / share request ${requestId}: ${status}`);
  for (const [label, part] of [
    ['首次读取变更流 / first read of the feed', run.first],
    ['从游标继续 / from the saved cursor', run.next],
  ] as const) {
    const d = part.delivery;
    console.log(
      `${label}: ${part.changes} changes; receipts verified ${d.verified}/${d.receipts}, covering ${d.covered} changes` +
        (d.failures.length > 0 ? `; FAILED: ${JSON.stringify(d.failures)}` : ''),
    );
  }
  console.log(`厂商本地副本 / the vendor's copy: ${run.copy.size} records`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await sandbox?.close();
}
