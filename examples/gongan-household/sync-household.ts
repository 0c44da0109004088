import type { SyncResult } from '@unsilo/sdk/sync';
import { syncIncrementally, type TableSyncOptions } from '../shared/incremental-sync';
import { householdRows } from './household-rows';

const mappingFile = new URL('./household.mapping.yaml', import.meta.url);

/**
 * Pushes the register's rows changed since the last completed run: the checkpoint keeps the watermark (the
 * highest GXSJ the exchange acknowledged), the query starts after it, and `mode: 'incremental'` moves it on
 * once every batch of the run has a verified receipt (see ../shared/incremental-sync.ts).
 */
export function syncHousehold(options: TableSyncOptions): Promise<SyncResult> {
  const rowsAfter = (after?: string) => householdRows(options.db, { after, pageSize: options.pageSize });
  return syncIncrementally({ ...options, mapping: mappingFile, watermark: 'GXSJ', rowsAfter });
}
