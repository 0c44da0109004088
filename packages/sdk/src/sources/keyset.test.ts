import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceError } from './errors';
import { type KeysetOptions, type KeysetPage, keysetRows } from './keyset';

interface Person {
  id: number;
  name: string;
  updated_at: string;
}

// 1,000 people, updated at only 7 distinct times: every page boundary falls inside a run of ties.
const db = new Database(':memory:');
db.exec('CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL, updated_at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO person (id, name, updated_at) VALUES (?, ?, ?)');
for (let id = 1; id <= 1000; id++) insert.run(id, `p${id}`, `2024-05-0${(id * 7919) % 7}T08:00:00+08:00`);
afterAll(() => db.close());

const everyone = db.prepare('SELECT id FROM person ORDER BY updated_at, id').pluck().all() as number[];

function people(
  options: Partial<KeysetOptions<Person>> = {},
  pages: KeysetPage[] = [],
): KeysetOptions<Person> {
  return {
    key: ['updated_at', 'id'],
    query: (page) => {
      pages.push(page);
      const sql = `SELECT id, name, updated_at FROM person WHERE ${page.where} ORDER BY ${page.orderBy} LIMIT ${page.limit}`;
      return db.prepare(sql).all(...page.params) as Person[];
    },
    ...options,
  };
}

async function ids(rows: AsyncIterable<Person>): Promise<number[]> {
  const read: number[] = [];
  for await (const row of rows) read.push(row.id);
  return read;
}

async function refusal(rows: AsyncIterable<unknown>): Promise<SourceError> {
  try {
    for await (const _ of rows) {
      // read to the refusal
    }
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('the read was not refused');
}

describe('keysetRows over SQLite', () => {
  it('reads every row once, in key order, across pages that cut runs of equal update times', async () => {
    const pages: KeysetPage[] = [];
    expect(await ids(keysetRows(people({ pageSize: 37 }, pages)))).toEqual(everyone);
    expect(pages).toHaveLength(Math.ceil(1000 / 37));
    expect(pages[0]).toEqual({
      where: '1 = 1',
      params: [],
      orderBy: 'updated_at, id',
      limit: 37,
      after: undefined,
    });
    const last = db
      .prepare('SELECT updated_at, id FROM person ORDER BY updated_at, id LIMIT 1 OFFSET 36')
      .get() as {
      updated_at: string;
      id: number;
    };
    expect(pages[1]).toMatchObject({
      where: '(updated_at > ? OR (updated_at = ? AND id > ?))',
      params: [last.updated_at, last.updated_at, last.id],
      after: [last.updated_at, last.id],
    });
  });

  it('reads the same rows with row-value comparison and with a page size that divides the table', async () => {
    expect(await ids(keysetRows(people({ pageSize: 100, rowValues: true })))).toEqual(everyone);
  });

  it('resumes right after a given row', async () => {
    const at = everyone[499]!;
    const { updated_at } = db.prepare('SELECT updated_at FROM person WHERE id = ?').get(at) as Person;
    expect(await ids(keysetRows(people({ pageSize: 64, after: [updated_at, at] })))).toEqual(
      everyone.slice(500),
    );
  });

  it('resumes after a watermark: a prefix of the key skips every row at or before it', async () => {
    const watermark = '2024-05-03T08:00:00+08:00';
    const later = db
      .prepare('SELECT id FROM person WHERE updated_at > ? ORDER BY updated_at, id')
      .pluck()
      .all(watermark) as number[];
    expect(later.length).toBeGreaterThan(0);
    expect(await ids(keysetRows(people({ pageSize: 50, after: [watermark] })))).toEqual(later);
  });

  it('takes a placeholder style and the SQL of key columns that are not plain names', async () => {
    const pages: KeysetPage[] = [];
    // Named parameters, as Oracle's drivers bind them: `:p1`, `:p2`…
    const query = (page: KeysetPage) => {
      pages.push(page);
      const named = Object.fromEntries(page.params.map((value, i) => [`p${i + 1}`, value]));
      const sql = `SELECT id, name, updated_at FROM person WHERE ${page.where} ORDER BY ${page.orderBy} LIMIT ${page.limit}`;
      return db.prepare(sql).all(named) as Person[];
    };
    const keySql = ['"updated_at"', 'person.id'];
    const options = people({ pageSize: 400, keySql, placeholder: (n) => `:p${n}`, query });
    expect(await ids(keysetRows(options))).toEqual(everyone);
    expect(pages[1]!.where).toBe('("updated_at" > :p1 OR ("updated_at" = :p2 AND person.id > :p3))');
    expect(pages[1]!.orderBy).toBe('"updated_at", person.id');
  });

  it('stops with keyset/not-after when the query ignores the position instead of reading a page twice', async () => {
    const query = (page: KeysetPage) =>
      db
        .prepare(`SELECT id, name, updated_at FROM person ORDER BY ${page.orderBy} LIMIT ${page.limit}`)
        .all() as Person[];
    const error = await refusal(keysetRows(people({ pageSize: 10, query })));
    expect(error.code).toBe('keyset/not-after');
    expect(error.zh).toContain('查询返回了位于起始位置');
  });

  it('stops with keyset/key-not-unique when rows share a key (they could be lost at a page boundary)', async () => {
    const error = await refusal(keysetRows(people({ key: ['updated_at'] })));
    expect(error.code).toBe('keyset/key-not-unique');
    expect(error.message).toContain('"2024-05-00T08:00:00+08:00"');
  });

  it('stops with keyset/null-key on a row without a key value', async () => {
    const query = () => [{ id: 1, name: 'x', updated_at: null }] as unknown as Person[];
    expect((await refusal(keysetRows(people({ query })))).code).toBe('keyset/null-key');
  });

  it('refuses options it cannot page with, before any query', async () => {
    const refused = async (options: Partial<KeysetOptions<Person>>) =>
      (await refusal(keysetRows(people(options)))).message;
    expect(await refused({ key: [] })).toBe('the key has no column');
    expect(await refused({ pageSize: 0 })).toBe('pageSize must be a positive integer, got 0');
    expect(await refused({ after: ['a', 1, 2] })).toBe(
      'after must give 1 to 2 key values, none of them null',
    );
    expect(await refused({ key: ['更新时间', 'id'] })).toMatch(
      /^key column "更新时间" is not a plain SQL identifier/,
    );
    expect(await refused({ keySql: ['updated_at'] })).toBe('keySql has 1 entries, the key 2');
  });
});
