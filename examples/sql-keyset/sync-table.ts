import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { compileMapping, parseMapping } from '@unsilo/sdk/mapping';
import {
  createClientPusher,
  loadCheckpoint,
  mappingDigest,
  type SyncResult,
  sync,
  syncMappingOf,
} from '@unsilo/sdk/sync';
import type { Database } from 'better-sqlite3';
import { personRows } from './person-rows';

/**
 * Pushes the rows of `relief_person` changed since the last completed run. The checkpoint keeps the
 * watermark (the highest `updated_at` the exchange acknowledged); the query starts after it, and
 * `mode: 'incremental'` moves it forward once the run's batches all have verified receipts.
 */
export async function syncTable(options: {
  db: Database;
  client: ExchangeClient;
  checkpoint: string;
  pageSize?: number;
}): Promise<SyncResult> {
  const text = await readFile(fileURLToPath(new URL('./person.mapping.yaml', import.meta.url)), 'utf8');
  const { mapping } = parseMapping(text);
  if (!mapping) throw new Error('person.mapping.yaml does not parse');
  const entry = (await options.client.catalog.get(mapping.resource)).data.entry;
  const { compiled, diagnostics } = compileMapping(mapping, entry as Parameters<typeof compileMapping>[1]);
  if (!compiled) throw new Error(diagnostics.map((d) => d.message).join('\n'));

  const previous = await loadCheckpoint(options.checkpoint);
  const after = previous?.watermark?.value === undefined ? undefined : String(previous.watermark.value);
  return sync({
    mapping: syncMappingOf(compiled, text, mappingDigest),
    source: personRows(options.db, { pageSize: options.pageSize ?? 1000, ...(after ? { after } : {}) }),
    push: createClientPusher(options.client),
    mode: 'incremental',
    watermark: 'updated_at',
    checkpoint: options.checkpoint,
  });
}
