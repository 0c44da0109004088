import { canonicalJson, type ReceiptPublicKey, verifyReceipt } from '../client/receipts';
import { acceptedOperationsHash } from '../json/operations-hash';
import { SyncError } from './errors';
import type { BatchRequest, OperationResult } from './types';

/** The exchange's answer to one batch, as far as the pusher needs it. */
export interface BatchAnswer {
  accepted: number;
  rejected: number;
  results: OperationResult[];
  receipt: unknown;
}

/**
 * A batch counts as delivered only when its receipt is signed by the exchange and covers exactly what was sent:
 * the same Idempotency-Key, resource and counts, and the hash of the operations the exchange accepted.
 */
export async function checkReceipt(
  request: BatchRequest,
  answer: BatchAnswer,
  loadKeys: (refresh: boolean) => Promise<ReceiptPublicKey[]>,
): Promise<void> {
  const receipt = answer.receipt as Record<string, unknown> | undefined;
  const fail = (en: string, zh: string) =>
    new SyncError(
      'sync.receipt_invalid',
      `Batch ${request.index} (Idempotency-Key ${request.idempotencyKey}): ${en}; the batch is not counted as delivered.`,
      `第 ${request.index} 批（幂等键 ${request.idempotencyKey}）：${zh}；该批不计为已送达。`,
    );
  if (!receipt || typeof receipt !== 'object') throw fail('the answer carries no receipt', '应答中没有回执');
  if (!Array.isArray(answer.results) || typeof answer.accepted !== 'number') {
    throw fail('the answer has no per-operation results', '应答中缺少逐条结果');
  }
  if (receipt.idempotencyKey !== request.idempotencyKey) {
    throw fail('the receipt names another Idempotency-Key', '回执中的幂等键与请求不符');
  }
  if (receipt.resource !== request.resource)
    throw fail('the receipt names another resource', '回执中的资源与请求不符');
  if (receipt.count !== request.operations || receipt.accepted !== answer.accepted) {
    throw fail(
      `the receipt counts ${String(receipt.count)} operations / ${String(receipt.accepted)} accepted, the batch had ${request.operations} / ${answer.accepted}`,
      `回执记录 ${String(receipt.count)} 条操作、接收 ${String(receipt.accepted)} 条，与本批 ${request.operations} / ${answer.accepted} 不符`,
    );
  }
  let verdict = await verifyReceipt(receipt, await loadKeys(false));
  if (!verdict.valid && verdict.reason === 'unknown_key')
    verdict = await verifyReceipt(receipt, await loadKeys(true));
  if (verdict.valid && receipt.hash !== acceptedHash(request, answer)) {
    verdict = { valid: false, reason: 'hash_mismatch' };
  }
  if (!verdict.valid) {
    throw fail(`the receipt does not verify (${verdict.reason})`, `回执验证失败（${verdict.reason}）`);
  }
}

/** The hash the receipt must carry: the operations the exchange accepted, in order (upserts, then deletes). */
function acceptedHash(request: BatchRequest, answer: BatchAnswer): string {
  const refused = new Set<string>();
  for (const result of answer.results)
    if (result.status === 'rejected') refused.add(`${result.op}:${result.index}`);
  if (refused.size === 0) return request.allAcceptedHash;
  const accepted = (records: ReadonlyArray<Record<string, unknown>> | undefined, op: string) =>
    (records ?? []).filter((_, i) => !refused.has(`${op}:${i}`)).map((record) => canonicalJson(record));
  return acceptedOperationsHash(
    accepted(request.body.upsert, 'upsert'),
    accepted(request.body.delete, 'delete'),
  );
}
