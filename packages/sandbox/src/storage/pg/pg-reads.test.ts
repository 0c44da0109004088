import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinDir, type RunningPostgres, startPostgres } from '../../../../../test/helpers/postgres';
import { openDatabase } from '../../db/open-database';
import { comparablePairs, publishedSubjects } from '../../quality/conflict-sources';
import { createRecordStore } from '../../records/record-store';
import { createSyncRunStore } from '../../records/sync-run-store';
import type { ConflictReads, QualityReads, RecordStore, SyncRunStore } from '../ports';
import { createSqliteConflictReads } from '../sqlite-conflict-reads';
import { createSqliteQualityReads } from '../sqlite-quality-reads';
import { migratePg } from './migrate';
import { createPgConflictReads } from './pg-conflict-reads';
import { createPgQualityReads } from './pg-quality-reads';
import { createPgRecordStore } from './pg-records';
import { createPgSyncRunStore } from './pg-sync-runs';
import { createPgPool, type PgPool } from './pool';

/** The ports under test on one database, and a way to seed rows the catalogue would have written. */
interface Backend {
  records: RecordStore;
  syncRuns: SyncRunStore;
  quality: QualityReads;
  conflicts: ConflictReads;
  /** Runs a statement written with `?` placeholders. */
  exec(sql: string, params: unknown[]): Promise<void>;
}

function openSqlite(): Backend {
  const db = openDatabase({ memory: true });
  const records = createRecordStore(db);
  const settle = () => records.settleIndex();
  return {
    records,
    syncRuns: createSyncRunStore(db),
    quality: createSqliteQualityReads(db, settle),
    conflicts: createSqliteConflictReads(db, settle),
    exec: async (sql, params) => void db.prepare(sql).run(...params),
  };
}

let cluster: Promise<RunningPostgres> | undefined;
const pools: PgPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  if (cluster) (await cluster).stop();
});

async function openPostgres(): Promise<Backend> {
  cluster ??= startPostgres();
  const pool = createPgPool((await cluster).createDatabase(`reads_${pools.length + 1}`));
  pools.push(pool);
  await migratePg(pool);
  return {
    records: createPgRecordStore(pool),
    syncRuns: createPgSyncRunStore(pool),
    quality: createPgQualityReads(pool),
    conflicts: createPgConflictReads(pool),
    async exec(sql, params) {
      let n = 0;
      await pool.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
  };
}

const backends = [
  { name: 'SQLite', open: async () => openSqlite(), skip: false },
  { name: 'PostgreSQL', open: openPostgres, skip: postgresBinDir() === undefined && !process.env.CI },
];

const AT = '2026-12-01T08:00:00.000Z';

function entryOf(code: string, provider: string, items: unknown[]) {
  return { code, name: code, provider: { name: `${provider} dept`, code: provider }, key: ['sfzh'], items };
}

async function seedResource(
  backend: Backend,
  code: string,
  provider: string,
  items: unknown[],
  status = 'published',
): Promise<void> {
  const entry = JSON.stringify(entryOf(code, provider, items));
  await backend.exec(
    `INSERT INTO departments (id, name, code, roles, created_at) VALUES (?, ?, ?, '["provider"]', ?)
     ON CONFLICT (id) DO NOTHING`,
    [provider, provider, provider, AT],
  );
  await backend.exec(
    `INSERT INTO resources (code, provider_id, provider_code, name, status, share_type, update_cycle, entry,
       version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'conditional', 'daily', ?, 1, ?, ?)`,
    [code, provider, code, code, status, entry, AT, AT],
  );
  await backend.exec(
    `INSERT INTO published_entries (resource_code, provider_code, name, share_type, update_cycle, entry, version,
       published_at) VALUES (?, ?, ?, 'conditional', 'daily', ?, 1, ?)`,
    [code, code, code, entry, AT],
  );
}

function batchOf(id: string, resourceCode: string, count: number, rejected: number, createdAt = AT) {
  return {
    id,
    departmentId: 'd',
    idempotencyKey: id,
    requestHash: 'h',
    resourceCode,
    count,
    accepted: count - rejected,
    rejected,
    statusCode: 200,
    response: '{}',
    createdAt,
  };
}

const report = (runId: string | undefined, rowsRead: number, byReason: Record<string, number>) => ({
  ...(runId ? { runId } : {}),
  rowsRead,
  accepted: rowsRead - Object.values(byReason).reduce((a, b) => a + b, 0),
  refusedLocally: { total: Object.values(byReason).reduce((a, b) => a + b, 0), byReason },
});

describe.each(backends)('reads on $name', ({ open, skip }) => {
  if (skip) {
    it.skip('needs PostgreSQL', () => {});
    return;
  }

  it('saves sync runs, replaces a run reported again under its id, and adds them up', async () => {
    const backend = await open();
    await seedResource(backend, 'R1', 'gongan', []);
    const first = await backend.syncRuns.save('R1', 'gongan', report('run-1', 10, { codes: 2 }), AT);
    expect(first.replaced).toBe(false);
    const again = await backend.syncRuns.save('R1', 'gongan', report('run-1', 12, { codes: 3, b: 1 }), AT);
    expect(again).toMatchObject({
      replaced: true,
      run: { id: first.run.id, resource: 'R1', receivedAt: AT },
    });
    const anonymous = await backend.syncRuns.save(
      'R1',
      'gongan',
      report(undefined, 5, JSON.parse('{"__proto__":4}')),
      AT,
    );
    const anonymousAgain = await backend.syncRuns.save('R1', 'gongan', report(undefined, 5, {}), AT);
    expect([anonymous.replaced, anonymousAgain.replaced]).toEqual([false, false]);
    expect(anonymousAgain.run.id).not.toBe(anonymous.run.id);
    const totals = await backend.syncRuns.totals('R1');
    expect(totals.rowsRead).toBe(22);
    expect(totals.refusedLocally).toBe(8);
    expect(Object.entries(totals.byReason)).toEqual([
      ['__proto__', 4],
      ['b', 1],
      ['codes', 3],
    ]);
    expect(await backend.syncRuns.totals('none')).toEqual({ rowsRead: 0, refusedLocally: 0, byReason: {} });
  });

  it('counts records, filled items, operations and rejections of a resource', async () => {
    const backend = await open();
    const records = [
      '{"a":"x","b":0,"k":1}',
      '{"a":"","b":false,"k":2}',
      '{"a":null,"b":{},"k":3}',
      '{"k":4}',
    ];
    await backend.records.writeBatch(
      'R',
      records.map((data, i) => ({ key: `{"k":${i + 1}}`, data })),
      [],
      batchOf('b1', 'R', 6, 2),
    );
    await backend.records.writeBatch(
      'R',
      [],
      [{ key: '{"k":4}' }],
      batchOf('b2', 'R', 1, 0, '2026-12-02T00:00:00Z'),
    );
    await backend.records.writeBatch(
      'S',
      [{ key: '{"k":1}', data: '{"a":"y"}' }],
      [],
      batchOf('b3', 'S', 1, 0),
    );
    expect(await backend.quality.figures('R', ['a', 'b', 'absent'])).toEqual({
      records: 3,
      filled: [1, 3, 0],
      operations: 7,
      rejected: 2,
      lastPushAt: '2026-12-02T00:00:00Z',
    });
    expect(await backend.quality.figures('none', [])).toEqual({
      records: 0,
      filled: [],
      operations: 0,
      rejected: 0,
      lastPushAt: null,
    });
  });

  it('lists published entries in code order and compares a pair on normalised values', async () => {
    const backend = await open();
    const items = (name: string, birth: string, extra: string) => [
      { key: 'sfzh', type: 'C', element: 'person.id-number' },
      { key: name, type: 'C', element: 'person.name' },
      { key: birth, type: 'D', element: 'person.birth-date' },
      { key: extra, type: 'N', element: 'person.children' },
    ];
    await seedResource(backend, 'B-MZ', 'minzheng', items('xingming', 'chusheng', 'zn'));
    await seedResource(backend, 'A-GA', 'gongan', items('xm', 'csrq', 'children'));
    await seedResource(backend, 'C-OLD', 'gongan', items('xm', 'csrq', 'children'), 'withdrawn');
    const left = [
      '{"children":2,"csrq":"19900101","sfzh":"11010119900101123x","xm":"张三"}',
      '{"children":1.5,"csrq":"19800101","sfzh":"110101198001011234","xm":"李四"}',
      '{"children":0,"csrq":"19700101","sfzh":"110101197001011234","xm":"王五"}',
      '{"csrq":"","sfzh":"  ","xm":"无名"}',
    ];
    const right = [
      '{"chusheng":"1990-01-01T00:00:00","sfzh":"11010119900101123X","xingming":"张三 ","zn":"2"}',
      '{"chusheng":"1980-02-01","sfzh":"110101198001011234","xingming":"李 四","zn":"1.5"}',
      '{"chusheng":"19700101","sfzh":"110101197001011234","xingming":"王五","zn":true}',
    ];
    const write = (code: string, rows: string[]) =>
      backend.records.writeBatch(
        code,
        rows.map((data, i) => ({ key: `{"i":${i}}`, data })),
        [],
        batchOf(code, code, rows.length, 0),
      );
    await write('A-GA', left);
    await write('B-MZ', right);
    const published = await backend.conflicts.publishedEntries();
    expect(published.map((p) => [p.code, p.providerId])).toEqual([
      ['A-GA', 'gongan'],
      ['B-MZ', 'minzheng'],
    ]);
    const { resources, authoritative } = publishedSubjects(published);
    const [pair] = comparablePairs(resources);
    expect(pair?.elements).toEqual(['person.name', 'person.birth-date', 'person.children']);
    const compared = await backend.conflicts.comparePair(pair!, pair!.elements, {
      examples: 5,
      showExamples: true,
      authoritative,
    });
    expect(compared.subjectsCompared).toBe(3);
    expect(
      compared.conflicts.map((c) => [
        c.element,
        c.compared,
        c.count,
        c.examples.map((e) => [e.left, e.right]),
      ]),
    ).toEqual([
      ['person.name', 3, 1, [['李四', '李 四']]],
      ['person.birth-date', 3, 1, [['1980-01-01', '1980-02-01']]],
      // 2 and "2", 1.5 and "1.5" agree as text; false is 0, true is 1.
      ['person.children', 3, 1, [['0', '1']]],
    ]);
    expect(compared.conflicts[0]?.examples[0]?.subject).toBe('110101********1234');
    const withheld = await backend.conflicts.comparePair(pair!, ['person.name'], {
      examples: 5,
      showExamples: false,
      authoritative,
    });
    expect(withheld.conflicts).toMatchObject([{ count: 1, examples: [], examplesWithheld: true }]);
  });
});
