import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export type ResourceStatus = 'draft' | 'submitted' | 'registered' | 'published' | 'withdrawn';
export type ShareType = 'unconditional' | 'conditional' | 'none';

/** A catalogue entry as clients send it; its full shape is the spec's, the store reads only these fields. */
export interface CatalogEntry {
  code: string;
  name: string;
  provider: { name: string; code: string };
  share: { type: ShareType; condition?: string };
  updateCycle: string;
  key?: string[];
  items?: Array<{ key: string; name: string }>;
  [field: string]: unknown;
}

export interface StoredResource {
  code: string;
  providerId: string;
  providerCode: string;
  name: string;
  status: ResourceStatus;
  shareType: ShareType;
  updateCycle: string;
  entry: CatalogEntry;
  version: number;
  etag: string;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEvent {
  action: string;
  status: ResourceStatus;
  department: string;
  reason?: string;
  at: string;
}

interface ResourceRow {
  code: string;
  provider_id: string;
  provider_code: string;
  name: string;
  status: ResourceStatus;
  share_type: ShareType;
  update_cycle: string;
  entry: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ResourceFilter {
  provider?: string;
  status?: string;
  shareType?: string;
  q?: string;
  after?: string;
  limit: number;
}

/** Strong validator: changes with every write of the entry or its status. */
export function etagOf(row: Pick<ResourceRow, 'code' | 'version' | 'entry' | 'status'>): string {
  const digest = createHash('sha256')
    .update(`${row.code}\n${row.version}\n${row.status}\n${row.entry}`)
    .digest('base64url')
    .slice(0, 16);
  return `"${row.version}-${digest}"`;
}

function toStored(row: ResourceRow): StoredResource {
  return {
    code: row.code,
    providerId: row.provider_id,
    providerCode: row.provider_code,
    name: row.name,
    status: row.status,
    shareType: row.share_type,
    updateCycle: row.update_cycle,
    entry: JSON.parse(row.entry) as CatalogEntry,
    version: row.version,
    etag: etagOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createResourceStore(db: Database) {
  const byCode = db.prepare('SELECT * FROM resources WHERE code = ?');
  const insert = db.prepare(
    `INSERT INTO resources (code, provider_id, provider_code, name, status, share_type, update_cycle, entry, version,
       created_at, updated_at)
     VALUES (@code, @providerId, @providerCode, @name, 'draft', @shareType, @updateCycle, @entry, 1, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE resources SET name = @name, provider_code = @providerCode, share_type = @shareType,
       update_cycle = @updateCycle, entry = @entry, status = @status, version = version + 1, updated_at = @at
     WHERE code = @code AND version = @version`,
  );
  const setStatus = db.prepare(
    `UPDATE resources SET status = @status, version = version + 1, updated_at = @at
     WHERE code = @code AND version = @version`,
  );
  const addHistory = db.prepare(
    `INSERT INTO resource_history (resource_code, action, status, department_id, reason, at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const history = db.prepare(
    'SELECT action, status, department_id, reason, at FROM resource_history WHERE resource_code = ? ORDER BY id',
  );
  const cache = new Map<string, StoredResource>();
  const histories = new Map<string, HistoryEvent[]>();

  const get = (code: string): StoredResource | undefined => {
    const cached = cache.get(code);
    if (cached) return cached;
    const row = byCode.get(code) as ResourceRow | undefined;
    if (!row) return undefined;
    const stored = toStored(row);
    cache.set(code, stored);
    return stored;
  };

  const allEntries = db.prepare("SELECT entry FROM resources WHERE status <> 'withdrawn'").pluck();

  return {
    get,
    /** Every live entry of the catalogue (for the cross-file lint rules). */
    entries(): CatalogEntry[] {
      return (allEntries.all() as string[]).map((text) => JSON.parse(text) as CatalogEntry);
    },
    list(filter: ResourceFilter): StoredResource[] {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: filter.limit };
      if (filter.provider) {
        where.push('(provider_id = @provider OR provider_code = @provider)');
        params.provider = filter.provider;
      }
      if (filter.status) {
        where.push('status = @status');
        params.status = filter.status;
      }
      if (filter.shareType) {
        where.push('share_type = @shareType');
        params.shareType = filter.shareType;
      }
      if (filter.q) {
        where.push('(instr(name, @q) > 0 OR instr(code, @q) > 0 OR instr(entry, @q) > 0)');
        params.q = filter.q;
      }
      if (filter.after !== undefined) {
        where.push('code > @after');
        params.after = filter.after;
      }
      const sql = `SELECT * FROM resources ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code LIMIT @limit`;
      return (db.prepare(sql).all(params) as ResourceRow[]).map(toStored);
    },
    create(entry: CatalogEntry, providerId: string, at: string): StoredResource {
      db.transaction(() => {
        insert.run({
          code: entry.code,
          providerId,
          providerCode: entry.provider.code,
          name: entry.name,
          shareType: entry.share.type,
          updateCycle: entry.updateCycle,
          entry: JSON.stringify(entry),
          at,
        });
        addHistory.run(entry.code, 'create', 'draft', providerId, null, at);
      })();
      return get(entry.code)!;
    },
    /** Returns undefined when the version moved meanwhile (a concurrent writer won). */
    update(
      current: StoredResource,
      entry: CatalogEntry,
      status: ResourceStatus,
      departmentId: string,
      at: string,
    ): StoredResource | undefined {
      cache.delete(current.code);
      histories.delete(current.code);
      const changed = db.transaction(() => {
        const result = update.run({
          code: current.code,
          version: current.version,
          name: entry.name,
          providerCode: entry.provider.code,
          shareType: entry.share.type,
          updateCycle: entry.updateCycle,
          entry: JSON.stringify(entry),
          status,
          at,
        });
        if (result.changes === 1) addHistory.run(current.code, 'update', status, departmentId, null, at);
        return result.changes === 1;
      })();
      return changed ? get(current.code) : undefined;
    },
    transition(
      current: StoredResource,
      action: string,
      status: ResourceStatus,
      departmentId: string,
      reason: string | undefined,
      at: string,
    ): StoredResource | undefined {
      cache.delete(current.code);
      histories.delete(current.code);
      const changed = db.transaction(() => {
        const result = setStatus.run({ code: current.code, version: current.version, status, at });
        if (result.changes === 1)
          addHistory.run(current.code, action, status, departmentId, reason ?? null, at);
        return result.changes === 1;
      })();
      return changed ? get(current.code) : undefined;
    },
    history(code: string): HistoryEvent[] {
      const cached = histories.get(code);
      if (cached) return cached;
      const events = (
        history.all(code) as Array<{
          action: string;
          status: ResourceStatus;
          department_id: string;
          reason: string | null;
          at: string;
        }>
      ).map((row) => ({
        action: row.action,
        status: row.status,
        department: row.department_id,
        ...(row.reason ? { reason: row.reason } : {}),
        at: row.at,
      }));
      histories.set(code, events);
      return events;
    },
  };
}

export type ResourceStore = ReturnType<typeof createResourceStore>;
