import type { SyncResult } from '@unsilo/sdk/sync';
import { syncIncrementally, type TableSyncOptions } from '../shared/incremental-sync';
import { personRows } from './person-rows';

const mappingFile = new URL('./person.mapping.yaml', import.meta.url);

/**
 * Pushes the rows of `relief_person` changed since the last completed run. The checkpoint keeps the
 * watermark (the highest `updated_at` the exchange acknowledged); the query starts after it, and
 * `mode: 'incremental'` moves it forward once the run's batches all have verified receipts
 * (see ../shared/incremental-sync.ts).
 */
export function syncTable(options: TableSyncOptions): Promise<SyncResult> {
  const rowsAfter = (after?: string) => personRows(options.db, { after, pageSize: options.pageSize });
  return syncIncrementally({ ...options, mapping: mappingFile, watermark: 'updated_at', rowsAfter });
}
