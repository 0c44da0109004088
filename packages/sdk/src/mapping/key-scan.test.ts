import { describe, expect, it } from 'vitest';
import { type KeyHash, keyHash64, RowsByHash } from './key-hash-table';
import { KeyScan, planOf } from './key-scan';

/** Every key gets the same hash: each sighting after the first is a collision unless the keys are equal. */
const oneHash: KeyHash = (_key, out) => {
  out[0] = 0x12345678;
  out[1] = 9;
};

/** Both passes of a scan over keys given in row order (row = index + 1). */
function planWith(hash: KeyHash, keys: ReadonlyArray<string | undefined>) {
  const scan = new KeyScan(hash);
  keys.forEach((key, i) => {
    scan.add(i + 1, key);
  });
  const wanted = scan.rereadRows();
  for (const row of wanted) scan.reread(row, keys[row - 1]);
  return { wanted, plan: scan.plan() };
}

describe('the compact key pre-scan', () => {
  it('never takes keys that share a hash for one key: only equal keys are grouped, with exact rows', () => {
    const { wanted, plan } = planWith(oneHash, ['["a"]', '["b"]', '["c"]', '["b"]', undefined, '["d"]']);
    expect(wanted).toEqual([1]);
    expect(plan.groups).toEqual([{ key: '["b"]', rows: [2, 4] }]);
    expect([1, 2, 3, 4, 5, 6].map((row) => plan.groupOf(row)?.rows ?? null)).toEqual([
      null,
      [2, 4],
      null,
      [2, 4],
      null,
      null,
    ]);
  });

  it('groups the first row of a hash with its later rows when their keys are equal, even under collisions', () => {
    const { plan } = planWith(oneHash, ['["a"]', '["b"]', '["a"]', '["b"]', '["a"]']);
    expect(plan.groups).toEqual([
      { key: '["a"]', rows: [1, 3, 5] },
      { key: '["b"]', rows: [2, 4] },
    ]);
  });

  it('keys without a shared hash need no second pass', () => {
    const { wanted, plan } = planWith(keyHash64, ['["a"]', '["b"]', '["c"]']);
    expect(wanted).toEqual([]);
    expect(plan.groups).toEqual([]);
  });

  it('refuses to plan before the first rows of repeated hashes are read again', () => {
    const scan = new KeyScan();
    scan.add(1, '["a"]');
    scan.add(2, '["a"]');
    expect(scan.rereadRows()).toEqual([1]);
    expect(() => scan.plan()).toThrow('the keys of 1 rows could not be read again');
    scan.reread(1, '["a"]');
    expect(scan.plan().groups).toEqual([{ key: '["a"]', rows: [1, 2] }]);
  });

  it('planOf runs both passes over rows in memory', () => {
    const plan = planOf([
      { row: 7, key: '["x",2024]' },
      { row: 8, key: '["x",2025]' },
      { row: 9, key: '["x",2024]' },
    ]);
    expect(plan.groups).toEqual([{ key: '["x",2024]', rows: [7, 9] }]);
  });
});

describe('the table of first rows by hash', () => {
  it('holds 200,000 distinct keys in at most 20 bytes each, each key once', () => {
    const table = new RowsByHash();
    const hash = new Uint32Array(2);
    let again = 0;
    for (let row = 1; row <= 200_000; row++) {
      keyHash64(JSON.stringify([`1101051949${String(row).padStart(8, '0')}`]), hash);
      if (table.see(hash[0]!, hash[1]!, row) !== 0) again++;
    }
    expect(again).toBe(0);
    expect(table.bytes / 200_000).toBeLessThanOrEqual(20);
  });

  it('returns the first row on a hash’s second sighting and -1 from the third on', () => {
    const table = new RowsByHash();
    expect([table.see(1, 2, 5), table.see(1, 2, 6), table.see(1, 2, 7), table.see(3, 2, 8)]).toEqual([
      0, 5, -1, 0,
    ]);
  });
});
