// 民政局 pushes its population export to the exchange: publish the catalogue entry, then sync the GBK CSV.
//
//   node --conditions=source --import tsx examples/minzheng-population/run.ts
//
// Against a running exchange, set UNSILO_EXCHANGE_URL, UNSILO_CLIENT_ID and UNSILO_CLIENT_SECRET; without them
// the script starts a local sandbox in memory with the demo departments.
import { fileURLToPath } from 'node:url';
import { publishCatalog } from '@unsilo/sdk/publish';
import { readSource } from '@unsilo/sdk/sources';
import { createClientPusher, sync } from '@unsilo/sdk/sync';
import { connectExampleExchange } from '../shared/example-exchange';
import { mappingForSync } from '../shared/exchange-mapping';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The sandbox's public demo login, for when the environment names none; a real secret only ever comes from there.
const { client, close } = await connectExampleExchange({
  clientId: 'minzheng-demo',
  clientSecret: 'minzheng-demo-secret-8b4d0c3f',
});

try {
  // 1. The catalogue entry: lint, plan, apply, and carry it to `published`.
  const published = await publishCatalog({ dir: here('./catalog'), client });
  for (const item of published.plan.items) console.log(`catalogue: ${item.action} ${item.code} ${item.name}`);

  // 2. The mapping, compiled against the entry the exchange holds (its item checks come along).
  const mapping = await mappingForSync(new URL('./population.mapping.yaml', import.meta.url), client);

  // 3. The legacy export, streamed, mapped, batched and pushed; bad rows go to the rejects file.
  const result = await sync({
    mapping,
    rows: readSource(here('./data/population.csv'), 'csv', { encoding: 'gbk' }),
    push: createClientPusher(client),
    checkpoint: here('./.unsilo/sync/population.json'),
    batchSize: 100,
  });
  console.log(
    `sync: read ${result.read}, accepted ${result.accepted}, rejected ${result.rejected}, unchanged ${result.unchanged}`,
  );
  console.log(`rejected rows with reasons: ${result.rejectsFile}`);
  console.log(`receipts (proof of delivery): ${result.receipts}`);
} finally {
  await close();
}
