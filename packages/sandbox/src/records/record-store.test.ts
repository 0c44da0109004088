import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { createRecordStore } from './record-store';

function batchRow(id: string) {
  return {
    id,
    departmentId: 'gongan',
    idempotencyKey: id,
    requestHash: 'h',
    resourceCode: 'R',
    count: 0,
    accepted: 0,
    rejected: 0,
    statusCode: 200,
    response: `{"batchId":"${id}"}`,
    createdAt: '2026-11-26T08:00:00.000Z',
  };
}

describe('record store', () => {
  it('writes upserts in chunks with one change each; a key upserted twice keeps its last value', () => {
    const db = openDatabase({ memory: true });
    const store = createRecordStore(db);
    const upserts = Array.from({ length: 250 }, (_, i) => ({ key: `{"k":${i}}`, data: `{"k":${i},"v":1}` }));
    upserts.push({ key: '{"k":3}', data: '{"k":3,"v":2}' });
    store.writeBatch('R', upserts, [{ key: '{"k":4}' }, { key: '{"k":999}' }], batchRow('b1'));

    const changes = store.changesAfter('R', 0, 1000);
    expect(changes).toHaveLength(252);
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 252 }, (_, i) => i + 1));
    expect(changes.at(-1)).toMatchObject({ op: 'delete', record_key: '{"k":4}', data: null });
    const rows = store.page('R', '', 1000);
    expect(rows).toHaveLength(249);
    expect(rows.find((r) => r.record_key === '{"k":3}')?.data).toBe('{"k":3,"v":2}');
    expect(store.findBatch('gongan', 'b1')).toEqual({
      requestHash: 'h',
      statusCode: 200,
      response: '{"batchId":"b1"}',
    });
  });

  it('rolls the whole batch back when any part fails', () => {
    const db = openDatabase({ memory: true });
    const store = createRecordStore(db);
    store.writeBatch('R', [{ key: '{"k":1}', data: '{"k":1}' }], [], batchRow('b1'));
    // Same idempotency key again: the batch row violates UNIQUE after the records were written.
    expect(() =>
      store.writeBatch('R', [{ key: '{"k":2}', data: '{"k":2}' }], [{ key: '{"k":1}' }], batchRow('b1')),
    ).toThrow();
    expect(store.page('R', '', 10).map((r) => r.record_key)).toEqual(['{"k":1}']);
    expect(store.changesAfter('R', 0, 10)).toHaveLength(1);
  });
});
