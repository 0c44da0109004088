import {
  type CatalogEntry,
  type HistoryEvent,
  type HistoryRow,
  type ResourceRow,
  type StoredResource,
  selectResources,
  toStored,
} from '../../catalog/resource-store';
import type { ResourceStore } from '../ports';
import { listQuery, visibleEntriesQuery } from './pg-resource-list';
import { inTransaction, type PgClient, type PgPool } from './pool';

// The catalogue on PostgreSQL, answering as `SqliteResourceStore` does. Unlike it, nothing is cached: another
// instance may change a resource at any time, and a cached copy would make two instances answer differently.
// Every write is one transaction, and a compare-and-set on `version` where the SQLite store checks it.

type Queryable = PgPool | PgClient;

const byCode = `${selectResources} WHERE r.code = $1`;

const insertResource = `INSERT INTO resources (code, provider_id, provider_code, name, status, share_type,
    update_cycle, entry, version, created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, 1, $8, $8)
  ON CONFLICT (code) DO NOTHING RETURNING code`;

const updateResource = `UPDATE resources SET name = $3, provider_code = $4, share_type = $5, update_cycle = $6,
    entry = $7, status = $8, version = version + 1, updated_at = $9
  WHERE code = $1 AND version = $2 RETURNING code`;

const setStatus = `UPDATE resources SET status = $3, version = version + 1, updated_at = $4
  WHERE code = $1 AND version = $2 RETURNING code`;

/** A publication puts the working version in force. */
const putInForce = `INSERT INTO published_entries (resource_code, provider_code, name, share_type, update_cycle,
    entry, version, published_at)
  SELECT code, provider_code, name, share_type, update_cycle, entry, version, $2 FROM resources WHERE code = $1
  ON CONFLICT (resource_code) DO UPDATE SET provider_code = excluded.provider_code, name = excluded.name,
    share_type = excluded.share_type, update_cycle = excluded.update_cycle, entry = excluded.entry,
    version = excluded.version, published_at = excluded.published_at`;

const addHistory = `INSERT INTO resource_history (resource_code, action, status, department_id, reason, at)
  VALUES ($1, $2, $3, $4, $5, $6)`;

const historyRows = `SELECT action, status, department_id, reason, at FROM resource_history
  WHERE resource_code = $1 ORDER BY id`;

async function read(db: Queryable, code: string): Promise<StoredResource | undefined> {
  const { rows } = await db.query<ResourceRow>(byCode, [code]);
  return rows[0] ? toStored(rows[0]) : undefined;
}

function toHistoryEvent(row: HistoryRow): HistoryEvent {
  return {
    action: row.action,
    status: row.status,
    department: row.department_id,
    ...(row.reason ? { reason: row.reason } : {}),
    at: row.at,
  };
}

export function createPgResourceStore(pool: PgPool): ResourceStore {
  return {
    get: (code) => read(pool, code),

    async entries(viewer) {
      const { sql, values } = visibleEntriesQuery(viewer);
      const { rows } = await pool.query<{ entry: string }>(sql, values);
      return rows.map((row) => JSON.parse(row.entry) as CatalogEntry);
    },

    async list(filter, viewer) {
      const { sql, values } = listQuery(filter, viewer);
      const { rows } = await pool.query<ResourceRow>(sql, values);
      return rows.map((row) => {
        const stored = toStored(row);
        const sees = viewer.seesAllWorkingVersions || stored.providerId === viewer.departmentId;
        return sees ? stored : stored.inForce!;
      });
    },

    // Two instances creating the same code: the second INSERT waits for the first to commit, then does nothing.
    create: (entry, providerId, at) =>
      inTransaction(pool, async (client) => {
        const inserted = await client.query(insertResource, [
          entry.code,
          providerId,
          entry.provider.code,
          entry.name,
          entry.share.type,
          entry.updateCycle,
          JSON.stringify(entry),
          at,
        ]);
        if (inserted.rowCount !== 1) return undefined;
        await client.query(addHistory, [entry.code, 'create', 'draft', providerId, null, at]);
        return read(client, entry.code);
      }),

    update: (current, entry, status, departmentId, at) =>
      inTransaction(pool, async (client) => {
        const updated = await client.query(updateResource, [
          current.code,
          current.version,
          entry.name,
          entry.provider.code,
          entry.share.type,
          entry.updateCycle,
          JSON.stringify(entry),
          status,
          at,
        ]);
        if (updated.rowCount !== 1) return undefined;
        await client.query(addHistory, [current.code, 'update', status, departmentId, null, at]);
        return read(client, current.code);
      }),

    transition: (current, action, status, departmentId, reason, at) =>
      inTransaction(pool, async (client) => {
        const moved = await client.query(setStatus, [current.code, current.version, status, at]);
        if (moved.rowCount !== 1) return undefined;
        if (status === 'published') await client.query(putInForce, [current.code, at]);
        await client.query(addHistory, [current.code, action, status, departmentId, reason ?? null, at]);
        return read(client, current.code);
      }),

    async history(code) {
      const { rows } = await pool.query<HistoryRow>(historyRows, [code]);
      return rows.map(toHistoryEvent);
    },
  };
}
