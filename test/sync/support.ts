import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { compileMapping, parseMapping } from '@unsilo/sdk/mapping';
import { publishCatalog } from '@unsilo/sdk/publish';
import { mappingDigest, type SyncMapping, syncMappingOf } from '@unsilo/sdk/sync';

export const exampleDir = fileURLToPath(new URL('../../examples/minzheng-population/', import.meta.url));
export const catalogDir = `${exampleDir}catalog`;
export const mappingFile = `${exampleDir}population.mapping.yaml`;
export const RESOURCE = '307002010101/000001';

/** The demo seed's civil-affairs department (public sandbox-only credentials). */
export const minzheng = { clientId: 'minzheng-demo', clientSecret: 'minzheng-demo-secret-8b4d0c3f' };

/** The environment `unsilo sync` reads to push as 民政 to the exchange at `url`. */
export function minzhengEnv(url: string): NodeJS.ProcessEnv {
  return {
    UNSILO_EXCHANGE_URL: url,
    UNSILO_CLIENT_ID: minzheng.clientId,
    UNSILO_CLIENT_SECRET: minzheng.clientSecret,
  };
}

export function clientFor(baseUrl: string, options: { timeout?: number } = {}): ExchangeClient {
  return createExchangeClient({
    baseUrl,
    auth: { type: 'clientCredentials', ...minzheng },
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
}

/** A sandbox with the example's catalogue entry published, ready to take records. */
export async function sandboxWithPopulation(
  options: { dataFile?: string } = {},
): Promise<{ sandbox: RunningSandbox; client: ExchangeClient }> {
  const sandbox = await startSandbox(options.dataFile ? { dataFile: options.dataFile } : { memory: true });
  const client = clientFor(sandbox.url);
  const published = await publishCatalog({ dir: catalogDir, client });
  if (published.failures.length > 0) throw new Error(JSON.stringify(published.failures));
  return { sandbox, client };
}

/** The example mapping compiled against the exchange's entry, as `unsilo sync` does. */
export async function populationMapping(client: ExchangeClient): Promise<SyncMapping> {
  const text = readFileSync(mappingFile, 'utf8');
  const parsed = parseMapping(text);
  const entry = (await client.catalog.get(RESOURCE)).data as { entry: Parameters<typeof compileMapping>[1] };
  const compiled = compileMapping(parsed.mapping!, entry.entry);
  if (!compiled.compiled) throw new Error(JSON.stringify(compiled.diagnostics));
  return syncMappingOf(compiled.compiled, text, mappingDigest);
}

/** What the exchange holds for the resource: records, change events, and distinct keys among the changes. */
export function exchangeCounts(sandbox: RunningSandbox, resource = RESOURCE) {
  const one = (sql: string) => (sandbox.db!.prepare(sql).get(resource) as { n: number }).n;
  return {
    // Keys whose last change is an upsert, from the feed (the key index may lag it by a group of upserts).
    records: one(`SELECT count(*) AS n FROM changes c
      JOIN (SELECT max(seq) AS seq FROM changes WHERE resource_code = ? GROUP BY record_key) latest
        ON latest.seq = c.seq
      WHERE c.op = 'upsert'`),
    upserts: one("SELECT count(*) AS n FROM changes WHERE resource_code = ? AND op = 'upsert'"),
    deletes: one("SELECT count(*) AS n FROM changes WHERE resource_code = ? AND op = 'delete'"),
    changedKeys: one('SELECT count(DISTINCT record_key) AS n FROM changes WHERE resource_code = ?'),
  };
}
