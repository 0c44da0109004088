// 公安局 pushes its household register (a legacy SQLite database) to the exchange, incrementally.
//
//   npm run example:gongan     (or: node --conditions=source --import tsx examples/gongan-household/run.ts)
//
// Against a running exchange, set UNSILO_EXCHANGE_URL, UNSILO_CLIENT_ID and UNSILO_CLIENT_SECRET; without them
// the script starts a local sandbox in memory with the demo departments. The register is created in a
// temporary folder, removed at the end (RESIDENTS=… sets its size).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectExampleExchange } from '../shared/example-exchange';
import { formatRejectReasons } from '../shared/rejects-summary';
import { runHouseholdExample } from './household-example';

// The sandbox's public demo login, for when the environment names none; a real secret only ever comes from there.
const { client, close } = await connectExampleExchange({
  clientId: 'gongan-demo',
  clientSecret: 'gongan-demo-secret-2f9c1e7a',
});
const dir = mkdtempSync(join(tmpdir(), 'unsilo-gongan-'));
try {
  const { first, firstRejects, second } = await runHouseholdExample({
    client,
    dir,
    residents: Number(process.env.RESIDENTS ?? 2_000),
  });
  console.log(
    `第一次同步 / first run: read ${first.read}, accepted ${first.accepted}, rejected ${first.rejected}`,
  );
  for (const line of formatRejectReasons(firstRejects)) console.log(line);
  console.log(
    `次日增量同步 / next day, incremental: read ${second.read}, accepted ${second.accepted}, rejected ${second.rejected}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await close();
}
