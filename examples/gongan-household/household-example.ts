import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import type { SyncResult } from '@unsilo/sdk/sync';
import Database from 'better-sqlite3';
import { type RejectReason, topRejectReasons } from '../shared/rejects-summary';
import { createRegister, registerDay } from './legacy-db';
import { syncHousehold } from './sync-household';

export const HOUSEHOLD_RESOURCE = '307001030801/000012';

export interface HouseholdRun {
  /** The first run: the whole register. */
  first: SyncResult;
  /** Why the first run rejected rows (each run rewrites the rejects file, so they are read in between). */
  firstRejects: RejectReason[];
  /** The next day's run: only the rows changed since the first run's watermark. */
  second: SyncResult;
  /** IDs of the rows the register changed between the runs. */
  changed: number[];
}

/**
 * 公安局's job, start to end: publish the catalogue entry, create the legacy register (a SQLite file in `dir`),
 * push it, let a day of moves and arrivals happen, push again. `client` is 公安局's.
 */
export async function runHouseholdExample(options: {
  client: ExchangeClient;
  dir: string;
  residents: number;
  moved?: number;
  arrived?: number;
}): Promise<HouseholdRun> {
  const published = await publishCatalog({
    dir: fileURLToPath(new URL('./catalog', import.meta.url)),
    client: options.client,
  });
  if (published.failures.length > 0) throw new Error(JSON.stringify(published.failures));
  const db = new Database(join(options.dir, 'hjrk.sqlite'));
  try {
    createRegister(db, options.residents);
    const checkpoint = join(options.dir, '.unsilo/sync/household.json');
    const first = await syncHousehold({ db, client: options.client, checkpoint });
    const firstRejects = first.rejectsFile ? await topRejectReasons(first.rejectsFile) : [];
    const changed = registerDay(db, { moved: options.moved ?? 30, arrived: options.arrived ?? 20 });
    const second = await syncHousehold({ db, client: options.client, checkpoint });
    return { first, firstRejects, second, changed };
  } finally {
    db.close();
  }
}
