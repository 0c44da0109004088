import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { entryFor, publishEntry, startDemo } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('a batch that repeats a key (exchange side)', () => {
  let sandbox: Demo;
  const entry = entryFor('minzheng', 41);
  beforeAll(async () => {
    sandbox = await startDemo();
    await publishEntry(clientFor(sandbox.url, 'minzheng'), entry);
  });
  afterAll(() => sandbox.close());

  it('rejects every record of the repeated key with reason duplicate; the others commit', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const answer = await minzheng.records.batch(entry.code, {
      upsert: [
        { bh: 'D1', xm: '甲', nl: 30 },
        { bh: 'D2', xm: '乙', nl: 31 },
        { bh: 'D1', xm: '丙', nl: 32 },
        { bh: 'D3', xm: '丁', nl: 33 },
        { bh: 'D1', xm: '戊', nl: 34 },
      ],
    });
    expect({ accepted: answer.data.accepted, rejected: answer.data.rejected }).toEqual({
      accepted: 2,
      rejected: 3,
    });
    expect(answer.data.receipt).toMatchObject({ count: 5, accepted: 2, rejected: 3 });
    const outcome = answer.data.results.map(
      (r) => `${r.index}:${r.status}:${(r.errors ?? []).map((e) => e.rule)}`,
    );
    expect(outcome).toEqual([
      '0:rejected:duplicate',
      '1:accepted:',
      '2:rejected:duplicate',
      '3:accepted:',
      '4:rejected:duplicate',
    ]);
    const first = answer.data.results[0]!.errors![0]!;
    expect(first.field).toBe('bh');
    expect(first.value).toBe('D1');
    expect(first.message).toContain('2, 4');
    expect(first.zh).toContain('2, 4');
    expect(answer.data.results[4]!.errors![0]!.message).toContain('0, 2');

    const stored = [];
    for await (const record of minzheng.records.query(entry.code)) stored.push(record.bh);
    expect(stored).toEqual(['D2', 'D3']);
  });

  it('keeps the other reasons of a duplicate record beside duplicate', async () => {
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const answer = await minzheng.records.batch(entry.code, {
      upsert: [
        { bh: 'E1', xm: '甲', nl: 30 },
        { bh: 'E1', xm: '乙', nl: 'not a number' as unknown as number },
      ],
    });
    expect(answer.data.results.map((r) => (r.errors ?? []).map((e) => e.rule).includes('duplicate'))).toEqual(
      [true, true],
    );
    expect(answer.data.accepted).toBe(0);
  });
});
