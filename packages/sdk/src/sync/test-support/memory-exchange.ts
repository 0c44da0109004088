/** Test support for the sync unit tests: an exchange in memory and numbered people rows. */
import type { SyncMapping } from '../sync';
import type { BatchOutcome, BatchRequest, PushBatch, RowMapper } from '../types';

/** An exchange in memory: upserts by key, replays a known Idempotency-Key, refuses records with `bad: true`. */
export function memoryExchange() {
  const records = new Map<string, Record<string, unknown>>();
  const answers = new Map<string, BatchOutcome>();
  const applied: BatchRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failAt: ((request: BatchRequest) => boolean) | undefined;
  const push: PushBatch = async (request) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1 + (request.index % 3)));
      const known = answers.get(request.idempotencyKey);
      if (known) return known;
      if (failAt?.(request)) throw new Error(`exchange down at batch ${request.index}`);
      applied.push(request);
      const results: BatchOutcome['results'] = [];
      (request.body.upsert ?? []).forEach((record, index) => {
        if (record.bad) {
          results.push({
            index,
            op: 'upsert',
            status: 'rejected',
            errors: [{ field: 'bad', rule: 'server', message: 'no', zh: '拒收' }],
          });
        } else {
          records.set(String(record.id), record);
          results.push({ index, op: 'upsert', status: 'accepted' });
        }
      });
      (request.body.delete ?? []).forEach((key, index) => {
        records.delete(String(key.id));
        results.push({ index, op: 'delete', status: 'accepted' });
      });
      const accepted = results.filter((r) => r.status === 'accepted').length;
      const outcome = {
        accepted,
        rejected: results.length - accepted,
        results,
        receipt: { batch: request.index },
        retries: 0,
      };
      answers.set(request.idempotencyKey, outcome);
      return outcome;
    } finally {
      inFlight -= 1;
    }
  };
  return {
    push,
    records,
    applied,
    get maxInFlight() {
      return maxInFlight;
    },
    failWhen(predicate: ((request: BatchRequest) => boolean) | undefined) {
      failAt = predicate;
    },
  };
}

export const map: RowMapper = (values) => {
  if (values.name === '')
    return {
      ok: false,
      errors: [{ field: 'name', rule: 'required', message: 'name is empty', zh: '姓名为空' }],
    };
  return {
    ok: true,
    record: { id: Number(values.id), name: values.name, ...(values.bad ? { bad: true } : {}) },
  };
};
export const mapping: SyncMapping = { resource: '307001030801/000012', key: ['id'], map, digest: 'm1' };

export async function* rowsOf(values: Array<Record<string, unknown>>) {
  for (const v of values) yield v;
}
export const people = (n: number, change: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `p${i + 1}`, ...change(i + 1) }));
