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
import { householdRows } from './household-rows';

/**
 * Pushes the register's rows changed since the last completed run: the checkpoint keeps the watermark (the
 * highest GXSJ the exchange acknowledged), the query starts after it, and `mode: 'incremental'` moves it on
 * once every batch of the run has a verified receipt.
 */
export async function syncHousehold(options: {
  db: Database;
  client: ExchangeClient;
  checkpoint: string;
  pageSize?: number;
}): Promise<SyncResult> {
  const text = await readFile(fileURLToPath(new URL('./household.mapping.yaml', import.meta.url)), 'utf8');
  const { mapping } = parseMapping(text);
  if (!mapping) throw new Error('household.mapping.yaml does not parse');
  const entry = (await options.client.catalog.get(mapping.resource)).data.entry;
  const { compiled, diagnostics } = compileMapping(mapping, entry as Parameters<typeof compileMapping>[1]);
  if (!compiled) throw new Error(diagnostics.map((d) => d.message).join('\n'));

  const previous = await loadCheckpoint(options.checkpoint);
  const after = previous?.watermark?.value === undefined ? undefined : String(previous.watermark.value);
  return sync({
    mapping: syncMappingOf(compiled, text, mappingDigest),
    source: householdRows(options.db, { pageSize: options.pageSize ?? 500, ...(after ? { after } : {}) }),
    push: createClientPusher(options.client),
    mode: 'incremental',
    watermark: 'GXSJ',
    checkpoint: options.checkpoint,
  });
}
