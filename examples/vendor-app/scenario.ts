import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import { receiptsPathFor } from '@unsilo/sdk/sync';
import Database from 'better-sqlite3';
import { HOUSEHOLD_RESOURCE } from '../gongan-household/household-example';
import { createRegister, registerDay } from '../gongan-household/legacy-db';
import { syncHousehold } from '../gongan-household/sync-household';
import { type AccessOutcome, askForAccess, waitForDecision } from './access';
import { type Change, followChanges } from './change-feed';
import { checkDelivery, type DeliveryCheck, type Receipt } from './delivery-check';

export interface VendorRun {
  access: AccessOutcome;
  /** The first read of the feed, from the start, and the check of the receipts of the provider's first sync. */
  first: { changes: number; delivery: DeliveryCheck };
  /** The read from the saved cursor after the provider's next sync: only what changed since. */
  next: { changes: number; delivery: DeliveryCheck };
  /** The vendor's copy of the register: key → record, deletes applied. */
  copy: Map<string, Record<string, unknown>>;
}

const PURPOSE = '为市政务服务中心开发“户籍证明在线开具”系统，核验申请人户籍信息';

/**
 * The whole story on one exchange: 公安局 publishes its register and pushes it; the vendor is refused, asks,
 * and waits while 公安局 approves; the vendor follows the change feed and checks the receipts 公安局 handed
 * over; 公安局 pushes a day's changes; the vendor reads on from its cursor and checks those receipts too.
 */
export async function runVendorScenario(options: {
  provider: ExchangeClient;
  vendor: ExchangeClient;
  dir: string;
  residents: number;
}): Promise<VendorRun> {
  const { provider, vendor, dir } = options;
  const published = await publishCatalog({
    dir: fileURLToPath(new URL('../gongan-household/catalog', import.meta.url)),
    client: provider,
  });
  if (published.failures.length > 0) throw new Error(JSON.stringify(published.failures));
  const db = new Database(join(dir, 'hjrk.sqlite'));
  const checkpoint = join(dir, 'gongan/.unsilo/sync/household.json');
  const receipts = new ReceiptHandOver(receiptsPathFor(checkpoint));
  try {
    createRegister(db, options.residents);
    await syncHousehold({ db, client: provider, checkpoint });

    const asked = await askForAccess(vendor, HOUSEHOLD_RESOURCE, PURPOSE);
    const decision = waitForDecision(vendor, asked.requestId);
    await approvePending(provider);
    const access = {
      ...(asked.refused ? { refused: asked.refused } : {}),
      requestId: asked.requestId,
      ...(await decision),
    };
    if (access.status !== 'approved') return { access, first: empty(), next: empty(), copy: new Map() };

    const copy = new Map<string, Record<string, unknown>>();
    const cursorFile = join(dir, 'vendor-cursor.json');
    const first = await readAndCheck(vendor, cursorFile, copy, await receipts.next());
    registerDay(db, { moved: 30, arrived: 20 });
    await syncHousehold({ db, client: provider, checkpoint });
    const next = await readAndCheck(vendor, cursorFile, copy, await receipts.next());
    return { access, first, next, copy };
  } finally {
    db.close();
  }
}

/** The provider's side of a share request: it approves what is pending for its resource. */
async function approvePending(provider: ExchangeClient): Promise<void> {
  for (let tries = 0; tries < 50; tries += 1) {
    const pending = await provider.shareRequests.list({ status: 'pending' } as never).toArray();
    const mine = pending.filter((r) => r.resource === HOUSEHOLD_RESOURCE);
    for (const request of mine) await provider.shareRequests.approve(request.id);
    if (mine.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readAndCheck(
  vendor: ExchangeClient,
  cursorFile: string,
  copy: Map<string, Record<string, unknown>>,
  receipts: Receipt[],
): Promise<{ changes: number; delivery: DeliveryCheck }> {
  const seen: Change[] = [];
  const { read } = await followChanges(vendor, HOUSEHOLD_RESOURCE, cursorFile, (changes) => {
    for (const change of changes) {
      seen.push(change);
      const key = JSON.stringify(change.key);
      if (change.op === 'delete') copy.delete(key);
      else copy.set(key, change.record as Record<string, unknown>);
    }
  });
  return { changes: read, delivery: await checkDelivery(vendor, receipts, seen) };
}

/**
 * The receipts the provider hands over with each delivery: the lines its sync appended to the receipts file
 * since the last hand-over.
 */
class ReceiptHandOver {
  #handed = 0;
  constructor(private readonly file: string) {}

  async next(): Promise<Receipt[]> {
    const lines = (await readFile(this.file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const fresh = lines.slice(this.#handed);
    this.#handed = lines.length;
    return fresh.map((line) => (JSON.parse(line) as { receipt: Receipt }).receipt);
  }
}

function empty(): { changes: number; delivery: DeliveryCheck } {
  return { changes: 0, delivery: { receipts: 0, verified: 0, covered: 0, failures: [] } };
}
