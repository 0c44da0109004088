import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceError } from './errors';
import { type KeysetOptions, type KeysetPage, keysetRows } from './keyset';
import { planKeysetShards } from './keyset-plan';

interface Person {
  id: number;
  name: string;
  updated_at: string;
}

// 1,000 people, updated at only 7 distinct times: range boundaries fall inside runs of ties.
const db = new Database(':memory:');
db.exec('CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL, updated_at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO person (id, name, updated_at) VALUES (?, ?, ?)');
for (let id = 1; id <= 1000; id++) insert.run(id, `p${id}`, `2024-05-0${(id * 7919) % 7}T08:00:00+08:00`);
afterAll(() => db.close());

const ordered = () =>
  db.prepare('SELECT updated_at, id FROM person ORDER BY updated_at, id').all() as Person[];

function people(options: Partial<KeysetOptions<Person>> = {}, pages: KeysetPage[] = []) {
  return {
    key: ['updated_at', 'id'],
    query: (page: KeysetPage) => {
      pages.push(page);
      const sql = `SELECT id, name, updated_at FROM person WHERE ${page.where} ORDER BY ${page.orderBy} LIMIT ${page.limit}`;
      return db.prepare(sql).all(...page.params) as Person[];
    },
    ...options,
  } satisfies KeysetOptions<Person>;
}

async function ids(rows: AsyncIterable<Person>): Promise<number[]> {
  const read: number[] = [];
  for await (const row of rows) read.push(row.id);
  return read;
}

async function refusal(run: () => Promise<unknown>): Promise<SourceError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('keysetRows over a key range [from, before)', () => {
  const all = ordered();
  const from = all[200]!;
  const before = all[700]!;
  const inRange = all.slice(200, 700).map((p) => p.id);

  for (const rowValues of [false, true]) {
    it(`reads exactly the rows from "from" (included) to "before" (excluded), rowValues ${rowValues}`, async () => {
      const pages: KeysetPage[] = [];
      const options = people(
        {
          pageSize: 64,
          rowValues,
          from: [from.updated_at, from.id],
          before: [before.updated_at, before.id],
        },
        pages,
      );
      expect(await ids(keysetRows(options))).toEqual(inRange);
      expect(pages).toHaveLength(Math.ceil(500 / 64));
      // Every page carries the end of the range, its placeholders numbered after the start's.
      expect(pages[0]!.params).toEqual(
        [from.updated_at, from.id, before.updated_at, before.id].flatMap((v, i) =>
          rowValues ? [v] : i % 2 === 0 ? [v, v] : [v],
        ),
      );
      if (!rowValues) {
        expect(pages[0]!.where).toBe(
          '(updated_at > ? OR (updated_at = ? AND id >= ?)) AND (updated_at < ? OR (updated_at = ? AND id < ?))',
        );
      } else {
        expect(pages[1]!.where).toBe('(updated_at, id) > (?, ?) AND (updated_at, id) < (?, ?)');
      }
    });
  }

  it('numbers the placeholders of the end after those of the start', async () => {
    const pages: KeysetPage[] = [];
    const query = (page: KeysetPage) => {
      pages.push(page);
      const named = Object.fromEntries(page.params.map((value, i) => [`p${i + 1}`, value]));
      const sql = `SELECT id, name, updated_at FROM person WHERE ${page.where} ORDER BY ${page.orderBy} LIMIT ${page.limit}`;
      return db.prepare(sql).all(named) as Person[];
    };
    const options = people({
      query,
      placeholder: (n) => `:p${n}`,
      rowValues: true,
      from: [from.updated_at, from.id],
      before: [before.updated_at, before.id],
    });
    expect(await ids(keysetRows(options))).toEqual(inRange);
    expect(pages[0]!.where).toBe('(updated_at, id) >= (:p1, :p2) AND (updated_at, id) < (:p3, :p4)');
  });

  it('resumes inside a range after its last row read, still stopping before its end', async () => {
    const options = people({ pageSize: 50, after: [all[449]!.updated_at, all[449]!.id] });
    const rows = keysetRows({ ...options, before: [before.updated_at, before.id] });
    expect(await ids(rows)).toEqual(all.slice(450, 700).map((p) => p.id));
  });

  it('stops with keyset/not-before when the query returns the row at the end of the range', async () => {
    const query = (page: KeysetPage) =>
      db
        .prepare(`SELECT id, name, updated_at FROM person ORDER BY ${page.orderBy} LIMIT ${page.limit}`)
        .all() as Person[];
    const error = await refusal(async () => {
      for await (const _ of keysetRows(people({ query, before: [all[3]!.updated_at, all[3]!.id] }))) {
        // read to the refusal
      }
    });
    expect(error.code).toBe('keyset/not-before');
    expect(error.zh).toContain('属于下一个范围');
  });

  it('refuses a partial bound, and from with after', async () => {
    const refused = async (options: Partial<KeysetOptions<Person>>) =>
      (await refusal(() => ids(keysetRows(people(options))))).message;
    expect(await refused({ before: ['2024'] })).toBe(
      'before must give 2 key values (a whole key), none of them null',
    );
    expect(await refused({ from: ['2024', null] })).toBe(
      'from must give 2 key values (a whole key), none of them null',
    );
    expect(await refused({ from: ['a', 1], after: ['a', 1] })).toMatch(/^give from or after, not both/);
  });
});

describe('planKeysetShards', () => {
  it('splits the table into ranges of nearly equal size whose union is every row once', async () => {
    const pages: KeysetPage[] = [];
    const plan = await planKeysetShards({ ...people({ pageSize: 90 }, pages), count: 3 });
    const all = ordered();
    expect(plan).toEqual([
      { index: 1, before: [all[333]!.updated_at, all[333]!.id] },
      { index: 2, from: [all[333]!.updated_at, all[333]!.id], before: [all[666]!.updated_at, all[666]!.id] },
      { index: 3, from: [all[666]!.updated_at, all[666]!.id] },
    ]);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    // Keyset paging only: no page asks for OFFSET, every page after the first starts after a key.
    expect(pages.every((page) => page.limit === 90 && !/offset/i.test(page.where))).toBe(true);
    expect(pages.filter((page) => page.after === undefined)).toHaveLength(2);

    const read = await Promise.all(plan.map((range) => ids(keysetRows(people({ pageSize: 77, ...range })))));
    expect(read.map((part) => part.length)).toEqual([333, 333, 334]);
    expect(read.flat()).toEqual(all.map((p) => p.id));
  });

  it('keeps every key in exactly one range after rows are added at and around the boundaries', async () => {
    const plan = await planKeysetShards({ ...people(), count: 4 });
    const boundary = plan[1]!.from as [string, number];
    db.prepare('INSERT INTO person (id, name, updated_at) VALUES (?, ?, ?), (?, ?, ?)').run(
      5001,
      'new',
      boundary[0],
      5002,
      'new',
      '2024-05-09T08:00:00+08:00',
    );
    try {
      const read = await Promise.all(
        plan.map((range) => ids(keysetRows(people({ pageSize: 100, ...range })))),
      );
      expect(read.flat().sort((a, b) => a - b)).toEqual(
        ordered()
          .map((p) => p.id)
          .sort((a, b) => a - b),
      );
      expect(read.flat()).toHaveLength(1002);
    } finally {
      db.prepare('DELETE FROM person WHERE id > 1000').run();
    }
  });

  it('gives one unbounded range for a count of 1, and refuses more ranges than rows or a bad count', async () => {
    expect(await planKeysetShards({ ...people(), count: 1 })).toEqual([{ index: 1 }]);
    const few = await refusal(() =>
      planKeysetShards({ ...people({ query: () => [] as Person[] }), count: 2 }),
    );
    expect(few.code).toBe('keyset/plan-too-few-rows');
    expect(few.message).toBe('the table has 0 rows, fewer than the 2 ranges asked for');
    for (const count of [0, 1.5, 1025]) {
      expect((await refusal(() => planKeysetShards({ ...people(), count }))).code).toBe('keyset/options');
    }
  });

  it('refuses a key value that is not text or a number: the plan must be plain JSON', async () => {
    const rows = people().query;
    const query = (page: KeysetPage) =>
      (rows(page) as Person[]).map((p) => ({ ...p, updated_at: new Date(0) }) as unknown as Person);
    const error = await refusal(() => planKeysetShards({ ...people({ query, pageSize: 2000 }), count: 2 }));
    expect(error.code).toBe('keyset/plan-key-type');
    expect(error.message).toMatch(/^key column updated_at holds a date/);
  });
});
