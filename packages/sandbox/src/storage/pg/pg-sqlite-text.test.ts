import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../../../../../test/helpers/describe-with-postgres';
import { type RunningPostgres, startPostgres } from '../../../../../test/helpers/postgres';
import { migratePg } from './migrate';
import { createPgPool, type PgPool } from './pool';

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG): the same values on every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * JSON values of every kind, and numbers with up to 13 significant digits between 1e-6 and 1e15 (a fixed
 * sample). SQLite's own digits are not always correctly rounded, more often outside that range: see migration
 * 003 — this sample is one where they are.
 */
function sampleValues(): unknown[] {
  const next = numbers(18);
  const values: unknown[] = [
    'x',
    '',
    ' 12 ',
    '张三',
    'a"b\\\\c\\n',
    true,
    false,
    null,
    { b: [1, 'a', { c: null }], a: 2.5 },
    [],
    0,
    -7,
    12,
    12.5,
    -0.5,
    0.1 + 0.2,
    0.0001,
    0.00001,
    1.5e-7,
    1e20,
    1e21,
    2 ** 53,
    2 ** 63,
    2 ** 64,
    1e300,
    1.7976931348623157e308,
  ];
  for (let i = 0; i < 3000; i += 1) {
    const digits = 1 + Math.floor(next() * 13);
    const exponent = Math.floor(next() * 21) - 5;
    const sign = next() < 0.5 ? -1 : 1;
    values.push(sign * Number(`0.${next().toFixed(digits).slice(2)}e${exponent}`));
  }
  return values;
}

describeWithPostgres('unsilo_sqlite_text (migration 003)', () => {
  let cluster: RunningPostgres;
  let pool: PgPool;
  beforeAll(async () => {
    cluster = await startPostgres();
    pool = createPgPool(cluster.createDatabase('sqlite_text'));
    await migratePg(pool);
  });
  afterAll(async () => {
    await pool?.end();
    cluster?.stop();
  });

  it("renders a JSON value as SQLite's CAST(json_extract(…) AS TEXT) does", async () => {
    const sqlite = new Database(':memory:');
    const extract = sqlite.prepare(`SELECT CAST(json_extract(?, '$."v"') AS TEXT) AS t`).pluck();
    const records = sampleValues().map((value) => JSON.stringify({ v: value }));
    const expected = records.map((record) => extract.get(record) as string | null);
    const { rows } = await pool.query<{ t: string | null }>(
      `SELECT unsilo_sqlite_text(r::json -> 'v') AS t FROM unnest($1::text[]) WITH ORDINALITY AS u(r, o) ORDER BY o`,
      [records],
    );
    const differing = records.filter((_, i) => rows[i]?.t !== expected[i]);
    expect(differing).toEqual([]);
    // Spot checks of what is being matched.
    expect(expected.slice(0, 8)).toEqual(['x', '', ' 12 ', '张三', 'a"b\\\\c\\n', '1', '0', null]);
    expect(expected[records.indexOf('{"v":1e+21}')]).toBe('1.0e+21');
    sqlite.close();
  });
});
