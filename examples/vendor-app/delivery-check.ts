import { type ExchangeClient, type SuccessBody, verifyReceipt } from '@unsilo/sdk';
import type { Change } from './change-feed';

/** A batch receipt as the exchange signed it (the contract's `Receipt`). */
export type Receipt = NonNullable<SuccessBody<'batchRecords'>['receipt']>;

export interface DeliveryCheck {
  receipts: number;
  /** Receipts whose signature is the exchange's and whose hash covers exactly changes the feed delivered. */
  verified: number;
  /** Changes covered by a verified receipt. */
  covered: number;
  /** What did not check out: a receipt by batch id, with the reason. */
  failures: Array<{ batchId: string; reason: string }>;
}

/** The operations a change stands for, as the receipt's hash covers them. */
function operationOf(change: Change): unknown {
  return change.op === 'delete' ? { op: 'delete', key: change.key } : { op: 'upsert', record: change.record };
}

/**
 * Checks every receipt the provider handed over against the exchange's published keys and against the changes
 * the feed delivered: a batch is applied in one transaction, so its accepted operations are consecutive changes,
 * and the receipt's hash must be theirs. The receipts may come in any order; each is matched where it fits.
 */
export async function checkDelivery(
  vendor: ExchangeClient,
  receipts: readonly Receipt[],
  changes: readonly Change[],
): Promise<DeliveryCheck> {
  const keys = (await vendor.receiptKeys()).data;
  const open = new Set(receipts);
  const result: DeliveryCheck = { receipts: receipts.length, verified: 0, covered: 0, failures: [] };
  let at = 0;
  while (at < changes.length && open.size > 0) {
    const match = await receiptAt(open, changes, at, keys);
    if (!match) break;
    open.delete(match);
    result.verified += 1;
    result.covered += match.accepted;
    at += match.accepted;
  }
  for (const receipt of open) {
    const signature = await verifyReceipt(receipt, keys);
    // A batch the exchange rejected whole changed nothing: its receipt only has to be genuine.
    if (signature.valid && receipt.accepted === 0) result.verified += 1;
    else
      result.failures.push({
        batchId: receipt.batchId,
        reason: signature.valid ? 'covers no run of the delivered changes' : signature.reason,
      });
  }
  return result;
}

async function receiptAt(
  open: ReadonlySet<Receipt>,
  changes: readonly Change[],
  at: number,
  keys: Awaited<ReturnType<ExchangeClient['receiptKeys']>>['data'],
): Promise<Receipt | undefined> {
  for (const receipt of open) {
    if (receipt.accepted === 0 || at + receipt.accepted > changes.length) continue;
    const operations = changes.slice(at, at + receipt.accepted).map(operationOf);
    if ((await verifyReceipt(receipt, keys, { operations })).valid) return receipt;
  }
  return undefined;
}
