import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeWithPostgres } from '../../../../../test/helpers/describe-with-postgres';
import { type RunningPostgres, startPostgres } from '../../../../../test/helpers/postgres';
import { createShareRequestStore } from '../../access/share-requests';
import { type AuditEvent, createAuditLog } from '../../audit/audit-log';
import { type CatalogEntry, createResourceStore } from '../../catalog/resource-store';
import { openDatabase } from '../../db/open-database';
import type { AuditLog, ResourceStore, ShareRequestStore } from '../ports';
import { migratePg } from './migrate';
import { createPgAuditLog } from './pg-audit-log';
import { createPgResourceStore } from './pg-resources';
import { createPgShareRequestStore } from './pg-share-requests';
import { createPgPool, type PgPool } from './pool';

// The catalogue, share requests and the audit log, on SQLite and on PostgreSQL: the same answers from both. The
// races of several instances (two pools on one database) are PostgreSQL's only.

interface Stores {
  resources: ResourceStore;
  shares: ShareRequestStore;
  audit: AuditLog;
}

/** Opens the stores on a fresh database with departments `d-a`, `d-b` and the authority `d-auth`. */
type Open = (maxAnonymousAuditEvents?: number) => Promise<Stores>;

const seedDepartments = `INSERT INTO departments (id, name, code, roles, created_at) VALUES
  ('d-a', 'A', 'A001', '[]', 't'), ('d-b', 'B', 'B001', '[]', 't'), ('d-auth', 'Auth', 'X001', '[]', 't')`;

function entry(code: string, name = `Resource ${code}`, providerCode = 'A001'): CatalogEntry {
  return {
    code,
    name,
    provider: { name: 'A', code: providerCode },
    share: { type: 'conditional', condition: 'by request' },
    updateCycle: 'daily',
    key: ['id'],
  };
}

const at = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;
const viewerA = { departmentId: 'd-a', seesAllWorkingVersions: false };
const viewerB = { departmentId: 'd-b', seesAllWorkingVersions: false };
const authority = { departmentId: 'd-auth', seesAllWorkingVersions: true };

function event(n: number, fields: Partial<AuditEvent> = {}): AuditEvent {
  return {
    at: at(n),
    departmentId: 'd-a',
    action: 'getResource',
    resourceCode: null,
    resourceProviderId: null,
    status: 200,
    requestId: `req-${n}`,
    detail: null,
    clientId: null,
    reason: null,
    sourceAddress: null,
    ...fields,
  };
}

function catalogueTests(open: Open): void {
  it('follows a life cycle with its history and the version in force', async () => {
    const { resources } = await open();
    const created = await resources.create(entry('R1'), 'd-a', at(1));
    expect(created).toMatchObject({ code: 'R1', status: 'draft', version: 1, providerId: 'd-a' });
    expect(created?.inForce).toBe(undefined);
    expect(await resources.list({ limit: 10 }, viewerB)).toEqual([]);

    let current = (await resources.transition(created!, 'submit', 'submitted', 'd-a', undefined, at(2)))!;
    current = (await resources.transition(current, 'register', 'registered', 'd-auth', undefined, at(3)))!;
    current = (await resources.transition(current, 'publish', 'published', 'd-auth', undefined, at(4)))!;
    expect(current).toMatchObject({ status: 'published', version: 4, publishedAt: at(4) });
    expect(current.inForce).toBe(current);

    // A change waits for review while the published version stays in force for the others.
    const changed = (await resources.update(current, entry('R1', 'Renamed'), 'submitted', 'd-a', at(5)))!;
    expect(changed).toMatchObject({ name: 'Renamed', status: 'submitted', version: 5 });
    expect(changed.inForce).toMatchObject({ name: 'Resource R1', status: 'published', version: 4 });
    expect((await resources.list({ limit: 10 }, viewerB)).map((r) => [r.name, r.status])).toEqual([
      ['Resource R1', 'published'],
    ]);
    expect((await resources.list({ limit: 10 }, viewerA)).map((r) => r.name)).toEqual(['Renamed']);
    expect((await resources.entries(viewerB)).map((e) => e.name)).toEqual(['Resource R1']);
    expect((await resources.entries(viewerA)).map((e) => e.name)).toEqual(['Renamed']);

    const withdrawn = (await resources.transition(
      changed,
      'withdraw',
      'withdrawn',
      'd-a',
      'obsolete',
      at(6),
    ))!;
    expect(withdrawn.inForce).toMatchObject({ status: 'withdrawn', name: 'Resource R1', updatedAt: at(6) });
    expect(await resources.entries(viewerB)).toEqual([]);
    expect(await resources.history('R1')).toEqual([
      { action: 'create', status: 'draft', department: 'd-a', at: at(1) },
      { action: 'submit', status: 'submitted', department: 'd-a', at: at(2) },
      { action: 'register', status: 'registered', department: 'd-auth', at: at(3) },
      { action: 'publish', status: 'published', department: 'd-auth', at: at(4) },
      { action: 'update', status: 'submitted', department: 'd-a', at: at(5) },
      { action: 'withdraw', status: 'withdrawn', department: 'd-a', reason: 'obsolete', at: at(6) },
    ]);
    expect(await resources.get('R1')).toEqual(withdrawn);
  });

  it('refuses a taken code and a stale version, changing nothing', async () => {
    const { resources } = await open();
    const created = (await resources.create(entry('R1'), 'd-a', at(1)))!;
    expect(await resources.create(entry('R1', 'Other'), 'd-b', at(2))).toBe(undefined);
    const updated = (await resources.update(created, entry('R1', 'New'), 'draft', 'd-a', at(3)))!;
    expect(updated.etag).not.toBe(created.etag);
    expect(await resources.update(created, entry('R1', 'Stale'), 'draft', 'd-a', at(4))).toBe(undefined);
    expect(await resources.transition(created, 'submit', 'submitted', 'd-a', undefined, at(4))).toBe(
      undefined,
    );
    expect(await resources.get('R1')).toEqual(updated);
    expect((await resources.history('R1')).map((h) => h.action)).toEqual(['create', 'update']);
  });

  it('lists with the filters on the version each viewer sees, in code order, by pages', async () => {
    const { resources } = await open();
    for (const code of ['R3', 'R1', 'R2']) await resources.create(entry(code), 'd-a', at(1));
    let r2 = (await resources.get('R2'))!;
    for (const [action, status] of [
      ['submit', 'submitted'],
      ['register', 'registered'],
      ['publish', 'published'],
    ] as const) {
      r2 = (await resources.transition(r2, action, status, 'd-auth', undefined, at(2)))!;
    }
    await resources.update(r2, entry('R2', 'Needle'), 'submitted', 'd-a', at(3));
    const codes = async (filter: object, viewer = authority) =>
      (await resources.list({ limit: 10, ...filter }, viewer)).map((r) => r.code);
    expect(await codes({})).toEqual(['R1', 'R2', 'R3']);
    expect(await codes({ after: 'R1', limit: 1 })).toEqual(['R2']);
    expect(await codes({ provider: 'A001' })).toEqual(['R1', 'R2', 'R3']);
    expect(await codes({ provider: 'd-b' })).toEqual([]);
    expect(await codes({ status: 'submitted' })).toEqual(['R2']);
    expect(await codes({ status: 'published' }, viewerB)).toEqual(['R2']);
    expect(await codes({ q: 'Needle' })).toEqual(['R2']);
    expect(await codes({ q: 'Needle' }, viewerB)).toEqual([]);
    expect(await codes({ q: 'needle' })).toEqual([]);
    expect(await codes({ shareType: 'none' })).toEqual([]);
  });

  it('decides a share request once and lists requests by role, status and cursor', async () => {
    const { resources, shares } = await open();
    await resources.create(entry('R1'), 'd-a', at(1));
    const first = await shares.create('R1', 'd-b', 'd-a', 'audit', at(1));
    const second = await shares.create('R1', 'd-b', 'd-a', 'report', at(2));
    expect(first).toMatchObject({ resource: 'R1', consumer: 'd-b', provider: 'd-a', status: 'pending' });
    expect(await shares.isApproved('d-b', 'R1')).toBe(false);
    const decided = await shares.decide(first.id, 'approved', null, at(3));
    expect(decided).toEqual({ ...first, status: 'approved', decidedAt: at(3) });
    expect(await shares.decide(first.id, 'refused', 'late', at(4))).toBe(undefined);
    expect(await shares.get(first.id)).toEqual(decided);
    expect(await shares.isApproved('d-b', 'R1')).toBe(true);
    const ids = async (filter: object) =>
      (await shares.list({ departmentId: 'd-b', limit: 10, ...filter })).map((r) => r.id);
    expect(await ids({})).toEqual([first.id, second.id]);
    expect(await ids({ role: 'provider' })).toEqual([]);
    expect(await ids({ status: 'pending' })).toEqual([second.id]);
    expect(await ids({ after: `${at(1)}|${first.id}` })).toEqual([second.id]);
    expect(await ids({ resource: 'R2' })).toEqual([]);
  });

  it('lists audit events newest first with the filters, and caps events without a department', async () => {
    const { audit } = await open(2);
    audit.record(event(1));
    audit.record(event(2, { departmentId: 'd-b', resourceCode: 'R1', resourceProviderId: 'd-a' }));
    audit.record(event(3, { departmentId: null, action: 'token', reason: 'wrong_secret', clientId: 'c\0x' }));
    audit.record(event(4, { departmentId: null, action: 'token' }));
    audit.record(event(5, { departmentId: null, action: 'token' }));
    const all = await audit.list({ limit: 10 });
    expect(all.map((e) => e.requestId)).toEqual(['req-5', 'req-4', 'req-2', 'req-1']);
    expect(all[2]).toEqual({
      id: all[2]!.id,
      ...event(2, { departmentId: 'd-b' }),
      resourceCode: 'R1',
      resourceProviderId: 'd-a',
    });
    const requestIds = async (query: object) =>
      (await audit.list({ limit: 10, ...query })).map((e) => e.requestId);
    expect(await requestIds({ involving: 'd-a' })).toEqual(['req-2', 'req-1']);
    expect(await requestIds({ department: 'd-a' })).toEqual(['req-1']);
    expect(await requestIds({ resource: 'R1' })).toEqual(['req-2']);
    expect(await requestIds({ action: 'token' })).toEqual(['req-5', 'req-4']);
    expect(await requestIds({ since: at(4) })).toEqual(['req-5', 'req-4']);
    expect(await requestIds({ before: all[1]!.id, limit: 1 })).toEqual(['req-2']);
  });
}

function sqliteStores(db: Database, maxAnonymous?: number): Stores {
  return {
    resources: createResourceStore(db),
    shares: createShareRequestStore(db),
    audit: createAuditLog(db, maxAnonymous),
  };
}

describe('the catalogue on SQLite', () => {
  const opened: Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  catalogueTests(async (maxAnonymous) => {
    const db = openDatabase({ memory: true });
    db.exec(seedDepartments);
    opened.push(db);
    return sqliteStores(db, maxAnonymous);
  });
});

function pgStores(pool: PgPool, maxAnonymous?: number): Stores {
  return {
    resources: createPgResourceStore(pool),
    shares: createPgShareRequestStore(pool),
    audit: createPgAuditLog(pool, maxAnonymous),
  };
}

describeWithPostgres('the catalogue on PostgreSQL', () => {
  let cluster: RunningPostgres;
  let databases = 0;
  const pools: PgPool[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
  });
  afterAll(() => cluster?.stop());

  /** Two pools on one fresh database: two instances of the exchange. */
  async function twoInstances(): Promise<[PgPool, PgPool]> {
    databases += 1;
    const url = cluster.createDatabase(`catalog_${databases}`);
    const first = createPgPool(url);
    const second = createPgPool(url);
    pools.push(first, second);
    await migratePg(first);
    await first.query(seedDepartments);
    return [first, second];
  }

  catalogueTests(async (maxAnonymous) => pgStores((await twoInstances())[0], maxAnonymous));

  it('creates a code once when two instances create it at the same moment', async () => {
    const [first, second] = await twoInstances();
    const results = await Promise.all([
      createPgResourceStore(first).create(entry('R1', 'First'), 'd-a', at(1)),
      createPgResourceStore(second).create(entry('R1', 'Second'), 'd-b', at(1)),
    ]);
    const winners = results.filter((r) => r !== undefined);
    expect(winners.length).toBe(1);
    const { rows } = await first.query(
      'SELECT r.name, count(h.id)::int AS events FROM resources r JOIN resource_history h ON h.resource_code = r.code GROUP BY r.name',
    );
    expect(rows).toEqual([{ name: winners[0]!.name, events: 1 }]);
  });

  it('lets one of two instances updating the same version win', async () => {
    const [first, second] = await twoInstances();
    const created = (await createPgResourceStore(first).create(entry('R1'), 'd-a', at(1)))!;
    const results = await Promise.all([
      createPgResourceStore(first).update(created, entry('R1', 'First'), 'draft', 'd-a', at(2)),
      createPgResourceStore(second).transition(created, 'submit', 'submitted', 'd-a', undefined, at(2)),
    ]);
    expect(results.filter((r) => r?.version === 2).length).toBe(1);
    expect(results.filter((r) => r === undefined).length).toBe(1);
    expect((await createPgResourceStore(second).history('R1')).length).toBe(2);
  });

  it('decides a share request once when two instances decide it at the same moment', async () => {
    const [first, second] = await twoInstances();
    await createPgResourceStore(first).create(entry('R1'), 'd-a', at(1));
    const request = await createPgShareRequestStore(first).create('R1', 'd-b', 'd-a', 'audit', at(1));
    const results = await Promise.all([
      createPgShareRequestStore(first).decide(request.id, 'approved', null, at(2)),
      createPgShareRequestStore(second).decide(request.id, 'refused', 'no', at(2)),
    ]);
    const decided = results.filter((r) => r !== undefined);
    expect(decided.length).toBe(1);
    expect(await createPgShareRequestStore(second).get(request.id)).toEqual(decided[0]);
  });

  it('shows the events one instance flushed to another, and caps anonymous events across instances', async () => {
    const [first, second] = await twoInstances();
    const [writer, other, reader] = [
      createPgAuditLog(first, 3),
      createPgAuditLog(second, 3),
      createPgAuditLog(second),
    ];
    writer.record(event(1));
    writer.record(event(2, { departmentId: null }));
    await writer.flush();
    other.record(event(3, { departmentId: null }));
    await other.flush();
    // Two concurrent writes past the cap: the oldest anonymous event (req-2) goes, whichever commits first.
    writer.record(event(4, { departmentId: null }));
    other.record(event(5, { departmentId: null }));
    await Promise.all([writer.flush(), other.flush()]);
    const listed = await reader.list({ limit: 10 });
    expect(listed.map((e) => e.requestId).sort()).toEqual(['req-1', 'req-3', 'req-4', 'req-5']);
    expect(listed.map((e) => e.id)).toEqual([...listed.map((e) => e.id)].sort((a, b) => b - a));
    const { rows } = await first.query('SELECT events FROM audit_anonymous_count');
    expect(rows).toEqual([{ events: 3 }]);
  });

  it('keeps the events of a failed write for the next flush', async () => {
    const [pool] = await twoInstances();
    const audit = createPgAuditLog(pool);
    await pool.query('ALTER TABLE audit_events RENAME TO audit_events_away');
    audit.record(event(1));
    await expect(audit.flush()).rejects.toThrow(/audit_events/);
    audit.record(event(2)); // its turn's flush fails too, silently, and keeps it
    await expect(audit.flush()).rejects.toThrow(/audit_events/);
    await pool.query('ALTER TABLE audit_events_away RENAME TO audit_events');
    expect((await audit.list({ limit: 10 })).map((e) => e.requestId)).toEqual(['req-2', 'req-1']);
  });
});
