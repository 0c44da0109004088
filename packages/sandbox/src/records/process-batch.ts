import { createHash, randomUUID } from 'node:crypto';
import type { FieldFinding } from '@unsilo/sdk';
import { CanonicalEncoders, canonicalJson, OperationsHash } from '@unsilo/sdk/json';
import type { BatchItemResult } from '@unsilo/sdk/schemas';
import type { CatalogEntry, StoredResource } from '../catalog/resource-store';
import { Problem } from '../problems/problem';
import type { ReceiptSigner } from '../receipts/receipt-signer';
import type { RecordStore, StoredBatchAnswer } from '../storage/ports';
import { duplicateFinding, repeatedKeys } from './batch-duplicates';
import type { PreparedDelete, PreparedUpsert } from './record-store';

/** Server-side 多元校核 of one record against its catalogue entry: why it is refused, as a mapping reject is. */
export type RecordChecker = (record: Record<string, unknown>) => FieldFinding[];

export interface BatchRequest {
  departmentId: string;
  resource: StoredResource;
  idempotencyKey: string;
  /** The body bytes, hashed to tell a replay from a conflicting reuse of the key. */
  rawBody: Buffer;
  upsert: unknown[];
  delete: unknown[];
}

export interface BatchAnswer {
  statusCode: number;
  /** The exact bytes of the answer: sent now, and replayed verbatim for the same key and body. */
  bytes: string;
  /** The answer as an object, when it was just built (not for replays). */
  answer?: unknown;
  replayed: boolean;
}

export interface BatchContext {
  records: RecordStore;
  signer: ReceiptSigner;
  now: () => number;
  checkerFor: (resource: StoredResource) => RecordChecker;
}

/**
 * One batch of upserts and deletes: idempotent by key, checked record by record, written all at once, answered
 * with a signed receipt over the canonical hash of the operations it accepted.
 */
export async function processBatch(context: BatchContext, request: BatchRequest): Promise<BatchAnswer> {
  const { resource } = request;
  const requestHash = createHash('sha256').update(`${resource.code}\n`).update(request.rawBody).digest('hex');
  const previous = await context.records.findBatch(request.departmentId, request.idempotencyKey);
  if (previous) return replayOf(previous, requestHash);
  const checked = checkOperations(request, context.checkerFor);
  const batchId = randomUUID();
  const serverTime = new Date(context.now()).toISOString();
  const count = request.upsert.length + request.delete.length;
  const acceptedCount = checked.upserts.length + checked.deletes.length;
  const receipt = context.signer.sign({
    resource: resource.code,
    batchId,
    idempotencyKey: request.idempotencyKey,
    count,
    accepted: acceptedCount,
    rejected: count - acceptedCount,
    hash: checked.accepted.digest(),
    serverTime,
  });
  const answer = {
    batchId,
    resource: resource.code,
    accepted: acceptedCount,
    rejected: count - acceptedCount,
    results: checked.results,
    receipt,
  };
  const bytes = JSON.stringify(answer);
  const write = await context.records.writeBatch(resource.code, checked.upserts, checked.deletes, {
    id: batchId,
    departmentId: request.departmentId,
    idempotencyKey: request.idempotencyKey,
    requestHash,
    resourceCode: resource.code,
    count,
    accepted: acceptedCount,
    rejected: count - acceptedCount,
    statusCode: 200,
    response: bytes,
    createdAt: serverTime,
  });
  // A request with the same key committed between the lookup and the write: this one is its replay (or a conflict).
  if (!write.written) return replayOf(write.previous, requestHash);
  return { statusCode: 200, bytes, answer, replayed: false };
}

/** The stored answer of the key, when this request is the same as the one that stored it; 409 otherwise. */
function replayOf(previous: StoredBatchAnswer, requestHash: string): BatchAnswer {
  if (previous.requestHash !== requestHash) {
    throw new Problem(
      'idempotency.conflict',
      'This Idempotency-Key was already used with a different body or resource; use a new key for new data',
    );
  }
  return { statusCode: previous.statusCode, bytes: previous.response, replayed: true };
}

interface CheckedOperations {
  /** One result per operation: upserts first, then deletes, each by its index. */
  results: BatchItemResult[];
  upserts: PreparedUpsert[];
  deletes: PreparedDelete[];
  /** The receipt's hash, fed as operations are accepted. */
  accepted: OperationsHash;
}

/**
 * Each operation checked on its own — its key, and for an upsert the record against its catalogue entry — and
 * each upsert against the others: a key that recurs among them is rejected in every record that carries it.
 */
function checkOperations(request: BatchRequest, checkerFor: BatchContext['checkerFor']): CheckedOperations {
  const keyFields = recordKeyOf(request.resource.entry);
  const acceptedBytes = new AcceptedRecordBytes(request.rawBody.length);
  const check = checkerFor(request.resource);
  const checked: CheckedOperations = {
    results: [],
    upserts: [],
    deletes: [],
    accepted: new OperationsHash(),
  };
  const { results, upserts, deletes, accepted } = checked;
  const repeated = repeatedKeys(
    request.upsert.map((candidate) =>
      isPlainObject(candidate) && keyIssues(candidate, keyFields).length === 0
        ? canonicalKey(candidate, keyFields)
        : undefined,
    ),
  );
  request.upsert.forEach((candidate, index) => {
    const others = repeated.get(index);
    const errors = isPlainObject(candidate)
      ? [
          ...keyIssues(candidate, keyFields),
          ...check(candidate),
          ...(others ? [duplicateFinding(candidate, keyFields, others)] : []),
        ]
      : [notAnObject()];
    if (errors.length > 0) {
      results.push({ index, op: 'upsert', status: 'rejected', errors });
      return;
    }
    const record = candidate as Record<string, unknown>;
    const data = acceptedBytes.of(record);
    accepted.upsert(data);
    upserts.push({ key: canonicalKey(record, keyFields), data });
    results.push({ index, op: 'upsert', status: 'accepted' });
  });
  request.delete.forEach((candidate, index) => {
    const errors = isPlainObject(candidate) ? keyIssues(candidate, keyFields) : [notAnObject()];
    if (errors.length > 0) {
      results.push({ index, op: 'delete', status: 'rejected', errors });
      return;
    }
    const key = canonicalKey(candidate as Record<string, unknown>, keyFields);
    accepted.delete(key);
    deletes.push({ key });
    results.push({ index, op: 'delete', status: 'accepted' });
  });
  return checked;
}

/**
 * The canonical JSON (RFC 8785) of a batch's records as UTF-8, written one after another into one buffer (about
 * the size of the request body): what is stored, and what the receipt's hash covers.
 */
class AcceptedRecordBytes {
  static readonly #encoders = new CanonicalEncoders();
  #buffer: Buffer;
  #end = 0;

  constructor(sizeHint: number) {
    this.#buffer = Buffer.allocUnsafeSlow(Math.max(sizeHint + 1024, 4096));
  }

  of(record: Record<string, unknown>): Buffer {
    let start = this.#end;
    let end = AcceptedRecordBytes.#encoders.encodeLine(record, this.#buffer, start);
    while (end < 0) {
      // A fresh, larger buffer; earlier records keep their views of the old one.
      this.#buffer = Buffer.allocUnsafeSlow(this.#buffer.length * 2);
      start = 0;
      end = AcceptedRecordBytes.#encoders.encodeLine(record, this.#buffer, start);
    }
    this.#end = end;
    return this.#buffer.subarray(start, end - 1);
  }
}

/** The item keys that identify a record: the entry's declared `key`. */
export function recordKeyOf(entry: CatalogEntry): string[] {
  if (!entry.key || entry.key.length === 0) {
    throw new Problem(
      'catalog.key_undeclared',
      `${entry.code} declares no record key; add "key: [itemKey]" to its catalogue entry`,
    );
  }
  return entry.key;
}

export function canonicalKey(record: Record<string, unknown>, keyFields: string[]): string {
  // Built from the record's fields: no prototype, so every key field is an own member, whatever its name.
  const key: Record<string, unknown> = Object.create(null);
  for (const field of keyFields) key[field] = record[field];
  return canonicalJson(key);
}

function keyIssues(record: Record<string, unknown>, keyFields: string[]): FieldFinding[] {
  const issues: FieldFinding[] = [];
  for (const field of keyFields) {
    const value = record[field];
    if (
      (typeof value === 'string' && value.length > 0) ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      continue;
    }
    issues.push({
      field,
      rule: 'key/required',
      ...(value === undefined ? {} : { value: String(value) }),
      message: `The key field ${field} must be a non-empty string or a number`,
      zh: `主键字段 ${field} 必须是非空字符串或数字`,
    });
  }
  return issues;
}

function notAnObject(): FieldFinding {
  return {
    field: '',
    rule: 'record/type',
    message: 'A record must be a JSON object',
    zh: '记录必须是 JSON 对象',
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
