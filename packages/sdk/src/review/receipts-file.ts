import { stat } from 'node:fs/promises';
import { verifyReceipt } from '../client/receipts/verify-receipt';
import type { Jwk, Jwks } from '../generated';
import { boundedLines } from './bounded-lines';

/** Why one line of a receipts file does not prove a delivery. */
export type ReceiptLineReason =
  | 'line_too_long'
  | 'not_utf8'
  | 'not_json'
  | 'no_receipt'
  | 'key_mismatch'
  | 'malformed'
  | 'unsupported_algorithm'
  | 'unknown_key'
  | 'bad_signature'
  | 'hash_mismatch';

export interface ReceiptLineFailure {
  /** The line of the file, from 1. */
  line: number;
  run?: string;
  batch?: number;
  reason: ReceiptLineReason;
}

export interface ReceiptsFileReport {
  /** Lines read (blank lines are not counted). */
  lines: number;
  valid: number;
  failed: number;
  /** The first failures (up to `maxFailuresListed`), in file order. */
  failures: ReceiptLineFailure[];
  /** Receipts verified per signing key id. */
  keys: Record<string, number>;
  /** The sync runs the file holds receipts of. */
  runs: string[];
}

export interface ReceiptsFileOptions {
  /** Default 1 MiB: a receipt line is a few hundred bytes. */
  maxLineBytes?: number;
  /** Default 1 GiB. */
  maxFileBytes?: number;
  /** Default 1,000. */
  maxFailuresListed?: number;
}

/** A receipts file that cannot be checked at all (missing, too large, not a file). */
export class ReceiptsFileError extends Error {
  override readonly name = 'ReceiptsFileError';
  constructor(
    readonly code: 'receipts.file_unreadable' | 'receipts.file_too_large',
    message: string,
    readonly zh: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const MAX_RECEIPT_LINE_BYTES = 1024 * 1024;
export const MAX_RECEIPTS_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * Checks every receipt of a sync receipts file (NDJSON lines `{ run, batch, rows, idempotencyKey, receipt }`,
 * as `unsilo sync` writes them) against the exchange's published keys: the Ed25519 signature, and that the
 * receipt is for the batch the line says (same Idempotency-Key). Never throws on the file's content — a bad
 * line is a failure with its reason; only a file that cannot be read, or one over the size limit, throws.
 */
export async function verifyReceiptsFile(
  path: string,
  keys: Jwks | Jwk[],
  options: ReceiptsFileOptions = {},
): Promise<ReceiptsFileReport> {
  await assertReadableSize(path, options.maxFileBytes ?? MAX_RECEIPTS_FILE_BYTES);
  const report: ReceiptsFileReport = { lines: 0, valid: 0, failed: 0, failures: [], keys: {}, runs: [] };
  const runs = new Set<string>();
  const listed = options.maxFailuresListed ?? 1000;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const line of boundedLines(path, options.maxLineBytes ?? MAX_RECEIPT_LINE_BYTES)) {
      if (line.bytes?.every((byte) => byte === 0x20 || byte === 0x09)) continue;
      report.lines += 1;
      const outcome = line.bytes
        ? await checkLine(line.bytes, decoder, keys)
        : { reason: 'line_too_long' as const };
      if (outcome.run !== undefined) runs.add(outcome.run);
      if ('kid' in outcome) {
        report.valid += 1;
        report.keys[outcome.kid] = (report.keys[outcome.kid] ?? 0) + 1;
        continue;
      }
      report.failed += 1;
      if (report.failures.length < listed) report.failures.push({ line: line.number, ...outcome });
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  report.runs = [...runs];
  return report;
}

type LineOutcome =
  | { kid: string; run?: string; batch?: number }
  | { reason: ReceiptLineReason; run?: string; batch?: number };

async function checkLine(bytes: Buffer, decoder: TextDecoder, keys: Jwks | Jwk[]): Promise<LineOutcome> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { reason: 'not_utf8' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { reason: 'not_json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { reason: 'not_json' };
  const line = parsed as Record<string, unknown>;
  const where = {
    ...(typeof line.run === 'string' ? { run: line.run } : {}),
    ...(typeof line.batch === 'number' ? { batch: line.batch } : {}),
  };
  if (typeof line.receipt !== 'object' || line.receipt === null) return { reason: 'no_receipt', ...where };
  const verdict = await verifyReceipt(line.receipt, keys);
  if (!verdict.valid) return { reason: verdict.reason, ...where };
  const receiptKey = (line.receipt as { idempotencyKey?: unknown }).idempotencyKey;
  if (line.idempotencyKey !== undefined && line.idempotencyKey !== receiptKey) {
    return { reason: 'key_mismatch', ...where };
  }
  return { kid: verdict.kid, ...where };
}

async function assertReadableSize(path: string, maxFileBytes: number): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    size = info.size;
  } catch (error) {
    throw unreadable(path, error);
  }
  if (size > maxFileBytes) {
    throw new ReceiptsFileError(
      'receipts.file_too_large',
      `${path} has ${size} bytes, more than the ${maxFileBytes} a receipts file is read up to`,
      `${path} 有 ${size} 字节，超过回执文件的读取上限 ${maxFileBytes} 字节`,
    );
  }
}

function unreadable(path: string, error: unknown): ReceiptsFileError {
  if (error instanceof ReceiptsFileError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ReceiptsFileError(
    'receipts.file_unreadable',
    `Cannot read ${path} (${reason})`,
    `无法读取 ${path}（${reason}）`,
    { cause: error },
  );
}

/** Each failure reason in both languages, for hosts to print. */
export const receiptLineReasonText: Record<ReceiptLineReason, { en: string; zh: string }> = {
  line_too_long: { en: 'the line is longer than 1 MiB', zh: '该行超过 1 MiB' },
  not_utf8: { en: 'the line is not UTF-8', zh: '该行不是 UTF-8 编码' },
  not_json: { en: 'the line is not a JSON object', zh: '该行不是 JSON 对象' },
  no_receipt: { en: 'the line has no receipt', zh: '该行没有回执' },
  key_mismatch: {
    en: "the receipt is for another batch (its idempotencyKey differs from the line's)",
    zh: '回执属于另一个批次（幂等键与该行不一致）',
  },
  malformed: { en: 'the receipt is malformed', zh: '回执格式不正确' },
  unsupported_algorithm: { en: 'the receipt is not signed with Ed25519', zh: '回执不是 Ed25519 签名' },
  unknown_key: {
    en: 'the receipt names a key the exchange does not publish',
    zh: '回执的签名密钥不在交换平台公布的密钥中',
  },
  bad_signature: {
    en: 'the signature does not match: the receipt was altered or not signed by the exchange',
    zh: '签名不符：回执被篡改或并非交换平台签发',
  },
  hash_mismatch: { en: 'the receipt does not cover the operations', zh: '回执摘要与数据不符' },
};
