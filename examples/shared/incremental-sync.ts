import type { ExchangeClient } from '@unsilo/sdk';
import { createClientPusher, loadCheckpoint, type SyncResult, sync } from '@unsilo/sdk/sync';
import type { Database } from 'better-sqlite3';
import { mappingForSync } from './exchange-mapping';

export interface IncrementalSyncOptions {
  /** The mapping file, e.g. `new URL('./household.mapping.yaml', import.meta.url)`. */
  mapping: URL;
  client: ExchangeClient;
  /** The checkpoint file: it keeps the watermark between runs. */
  checkpoint: string;
  /** The column the watermark is read from (the table's update time). */
  watermark: string;
  /** The table's rows updated after `after`, the stored watermark; every row on a first run (`undefined`). */
  rowsAfter: (after: string | undefined) => AsyncIterable<Record<string, unknown>>;
}

/** What a sync job of one SQLite table takes (`syncHousehold` of gongan-household, `syncTable` of sql-keyset). */
export interface TableSyncOptions extends Pick<IncrementalSyncOptions, 'client' | 'checkpoint'> {
  db: Database;
  /** Rows per query; the table reader's own default when absent. */
  pageSize?: number;
}

/**
 * Pushes a table's rows changed since the last completed run: the checkpoint keeps the watermark (the highest
 * value of the watermark column the exchange acknowledged), the read starts after it, and `mode: 'incremental'`
 * moves it on once every batch of the run has a verified receipt.
 */
export async function syncIncrementally(options: IncrementalSyncOptions): Promise<SyncResult> {
  const mapping = await mappingForSync(options.mapping, options.client);
  const previous = await loadCheckpoint(options.checkpoint);
  const after = previous?.watermark?.value === undefined ? undefined : String(previous.watermark.value);
  return sync({
    mapping,
    source: options.rowsAfter(after || undefined),
    push: createClientPusher(options.client),
    mode: 'incremental',
    watermark: options.watermark,
    checkpoint: options.checkpoint,
  });
}
