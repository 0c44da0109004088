// 民政局 pushes its population export to the exchange: publish the catalogue entry, then sync the GBK CSV.
//
//   node --conditions=source --import tsx examples/minzheng-population/run.ts
//
// Against a running exchange, set UNSILO_EXCHANGE_URL, UNSILO_CLIENT_ID and UNSILO_CLIENT_SECRET; without them
// the script starts a local sandbox in memory with the demo departments.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createExchangeClient } from '@unsilo/sdk';
import { compileMapping, parseMapping } from '@unsilo/sdk/mapping';
import { publishCatalog } from '@unsilo/sdk/publish';
import { readSource } from '@unsilo/sdk/sources';
import { createClientPusher, mappingDigest, sync, syncMappingOf } from '@unsilo/sdk/sync';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

let baseUrl = process.env.UNSILO_EXCHANGE_URL;
let close = async () => {};
if (!baseUrl) {
  const { startSandbox } = await import('@unsilo/sandbox');
  const sandbox = await startSandbox({ memory: true });
  baseUrl = sandbox.url;
  close = () => sandbox.close();
  console.log(`local sandbox at ${baseUrl}`);
}
const client = createExchangeClient({
  baseUrl,
  auth: {
    type: 'clientCredentials',
    clientId: process.env.UNSILO_CLIENT_ID ?? 'minzheng-demo',
    // The sandbox's public demo secret; a real one only ever comes from the environment.
    clientSecret: process.env.UNSILO_CLIENT_SECRET ?? 'minzheng-demo-secret-8b4d0c3f',
  },
});

try {
  // 1. The catalogue entry: lint, plan, apply, and carry it to `published`.
  const published = await publishCatalog({ dir: here('./catalog'), client });
  for (const item of published.plan.items) console.log(`catalogue: ${item.action} ${item.code} ${item.name}`);

  // 2. The mapping, compiled against the entry the exchange holds (its item checks come along).
  const text = await readFile(here('./population.mapping.yaml'), 'utf8');
  const { mapping } = parseMapping(text);
  if (!mapping) throw new Error('the mapping does not parse; run `unsilo map preview` on it');
  const entry = (await client.catalog.get(mapping.resource)).data.entry;
  const { compiled, diagnostics } = compileMapping(mapping, entry as Parameters<typeof compileMapping>[1]);
  if (!compiled) throw new Error(diagnostics.map((d) => d.message).join('\n'));

  // 3. The legacy export, streamed, mapped, batched and pushed; bad rows go to the rejects file.
  const result = await sync({
    mapping: syncMappingOf(compiled, text, mappingDigest),
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
