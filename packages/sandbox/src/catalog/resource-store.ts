import { createHash } from 'node:crypto';
import type { ResourceStatus, ShareType } from '@unsilo/sdk/schemas';
import type { Database, Statement } from 'better-sqlite3';
import type { ResourceStore } from '../storage/ports';

export type { ResourceStatus, ShareType };

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
  /**
   * The version in force, as departments other than the provider and the authority see it: the entry of the
   * last publication (with status `published`, or `withdrawn`). Undefined when the entry was never published;
   * the resource itself when no change waits for review.
   */
  inForce?: StoredResource;
  /** When the version in force was published. */
  publishedAt?: string;
}

export interface HistoryEvent {
  action: string;
  status: ResourceStatus;
  department: string;
  reason?: string;
  at: string;
}

export interface ResourceRow {
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
  /** The version in force (`published_entries`), null when never published. */
  p_provider_code: string | null;
  p_name: string | null;
  p_share_type: ShareType | null;
  p_update_cycle: string | null;
  p_entry: string | null;
  p_version: number | null;
  p_published_at: string | null;
}

/** Who lists the catalogue: the working versions of its own entries (of all, for the authority), else the
 * versions in force. */
export interface CatalogViewer {
  departmentId: string;
  seesAllWorkingVersions: boolean;
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

export function toStored(row: ResourceRow): StoredResource {
  const working: StoredResource = {
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
  if (row.p_entry === null) return working;
  working.publishedAt = row.p_published_at!;
  const unchanged = row.p_entry === row.entry && (row.status === 'published' || row.status === 'withdrawn');
  working.inForce = unchanged ? working : inForceVersion(row, working);
  return working;
}

/** The last published version of a resource whose working version has changed since. */
function inForceVersion(row: ResourceRow, working: StoredResource): StoredResource {
  const status: ResourceStatus = row.status === 'withdrawn' ? 'withdrawn' : 'published';
  const version = row.p_version!;
  const entry = row.p_entry!;
  const view: StoredResource = {
    ...working,
    providerCode: row.p_provider_code!,
    name: row.p_name!,
    status,
    shareType: row.p_share_type!,
    updateCycle: row.p_update_cycle!,
    entry: JSON.parse(entry) as CatalogEntry,
    version,
    etag: etagOf({ code: row.code, version, status, entry }),
    updatedAt: status === 'withdrawn' ? row.updated_at : row.p_published_at!,
  };
  view.inForce = view;
  return view;
}

/** Resources with their version in force beside them (its columns prefixed `p_`). */
export const selectResources = `SELECT r.*, p.provider_code AS p_provider_code, p.name AS p_name, p.share_type AS p_share_type,
  p.update_cycle AS p_update_cycle, p.entry AS p_entry, p.version AS p_version, p.published_at AS p_published_at
  FROM resources r LEFT JOIN published_entries p ON p.resource_code = r.code`;

/** The columns of the version a viewer sees, for filtering lists (`mine`: the viewer sees the working one). */
const mine = '(@seesAll OR r.provider_id = @viewer)';
const seen = (column: string) => `(CASE WHEN ${mine} THEN r.${column} ELSE p.${column} END)`;
const seenStatus = `(CASE WHEN ${mine} THEN r.status WHEN r.status = 'withdrawn' THEN 'withdrawn' ELSE 'published' END)`;

export type HistoryRow = {
  action: string;
  status: ResourceStatus;
  department_id: string;
  reason: string | null;
  at: string;
};

/** The catalogue's resources on SQLite: working versions, versions in force and their history, cached by code. */
export class SqliteResourceStore implements ResourceStore {
  private readonly byCode: Statement;
  private readonly insert: Statement;
  private readonly updateRow: Statement;
  private readonly setStatus: Statement;
  /** A publication puts the working version in force. */
  private readonly putInForce: Statement;
  private readonly addHistory: Statement;
  private readonly historyRows: Statement;
  /** The live entries a viewer sees: its own (all, for the authority) as they are now, the others as published. */
  private readonly visibleEntries: Statement;
  private readonly cache = new Map<string, StoredResource>();
  private readonly histories = new Map<string, HistoryEvent[]>();

  constructor(private readonly db: Database) {
    this.byCode = db.prepare(`${selectResources} WHERE r.code = ?`);
    this.insert = db.prepare(
      `INSERT INTO resources (code, provider_id, provider_code, name, status, share_type, update_cycle, entry, version,
         created_at, updated_at)
       VALUES (@code, @providerId, @providerCode, @name, 'draft', @shareType, @updateCycle, @entry, 1, @at, @at)`,
    );
    this.updateRow = db.prepare(
      `UPDATE resources SET name = @name, provider_code = @providerCode, share_type = @shareType,
         update_cycle = @updateCycle, entry = @entry, status = @status, version = version + 1, updated_at = @at
       WHERE code = @code AND version = @version`,
    );
    this.setStatus = db.prepare(
      `UPDATE resources SET status = @status, version = version + 1, updated_at = @at
       WHERE code = @code AND version = @version`,
    );
    this.putInForce = db.prepare(
      `INSERT INTO published_entries (resource_code, provider_code, name, share_type, update_cycle, entry, version,
         published_at)
       SELECT code, provider_code, name, share_type, update_cycle, entry, version, @at FROM resources WHERE code = @code
       ON CONFLICT (resource_code) DO UPDATE SET provider_code = excluded.provider_code, name = excluded.name,
         share_type = excluded.share_type, update_cycle = excluded.update_cycle, entry = excluded.entry,
         version = excluded.version, published_at = excluded.published_at`,
    );
    this.addHistory = db.prepare(
      `INSERT INTO resource_history (resource_code, action, status, department_id, reason, at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.historyRows = db.prepare(
      'SELECT action, status, department_id, reason, at FROM resource_history WHERE resource_code = ? ORDER BY id',
    );
    this.visibleEntries = db
      .prepare(
        `SELECT CASE WHEN ${mine} THEN r.entry ELSE p.entry END FROM resources r
         LEFT JOIN published_entries p ON p.resource_code = r.code
         WHERE r.status <> 'withdrawn' AND (${mine} OR p.resource_code IS NOT NULL)`,
      )
      .pluck();
  }

  async get(code: string): Promise<StoredResource | undefined> {
    return this.read(code);
  }

  private read(code: string): StoredResource | undefined {
    const cached = this.cache.get(code);
    if (cached) return cached;
    const row = this.byCode.get(code) as ResourceRow | undefined;
    if (!row) return undefined;
    const stored = toStored(row);
    this.cache.set(code, stored);
    return stored;
  }

  /**
   * The live entries of the catalogue a viewer sees, each in the version it sees (for the cross-file lint
   * rules, whose findings quote other entries: another department's draft must not leak through them).
   */
  async entries(viewer: CatalogViewer): Promise<CatalogEntry[]> {
    const params = { viewer: viewer.departmentId, seesAll: viewer.seesAllWorkingVersions ? 1 : 0 };
    return (this.visibleEntries.all(params) as string[]).map((text) => JSON.parse(text) as CatalogEntry);
  }

  /**
   * The resources a viewer sees, each in the version it sees (working or in force), filtered on that version:
   * an entry never published is listed only for its provider and the authority.
   */
  async list(filter: ResourceFilter, viewer: CatalogViewer): Promise<StoredResource[]> {
    const { sql, params } = listQuery(filter, viewer);
    return (this.db.prepare(sql).all(params) as ResourceRow[]).map((row) => {
      const stored = toStored(row);
      const sees = viewer.seesAllWorkingVersions || stored.providerId === viewer.departmentId;
      return sees ? stored : stored.inForce!;
    });
  }

  async create(entry: CatalogEntry, providerId: string, at: string): Promise<StoredResource | undefined> {
    const created = this.db.transaction(() => {
      if (this.byCode.get(entry.code)) return false;
      this.insert.run({
        code: entry.code,
        providerId,
        providerCode: entry.provider.code,
        name: entry.name,
        shareType: entry.share.type,
        updateCycle: entry.updateCycle,
        entry: JSON.stringify(entry),
        at,
      });
      this.addHistory.run(entry.code, 'create', 'draft', providerId, null, at);
      return true;
    })();
    return created ? this.read(entry.code) : undefined;
  }

  /** Returns undefined when the version moved meanwhile (a concurrent writer won). */
  async update(
    current: StoredResource,
    entry: CatalogEntry,
    status: ResourceStatus,
    departmentId: string,
    at: string,
  ): Promise<StoredResource | undefined> {
    this.forget(current.code);
    const changed = this.db.transaction(() => {
      const result = this.updateRow.run({
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
      if (result.changes === 1) this.addHistory.run(current.code, 'update', status, departmentId, null, at);
      return result.changes === 1;
    })();
    return changed ? this.read(current.code) : undefined;
  }

  /** Moves a resource to `status` (publishing puts it in force); undefined when the version moved meanwhile. */
  async transition(
    current: StoredResource,
    action: string,
    status: ResourceStatus,
    departmentId: string,
    reason: string | undefined,
    at: string,
  ): Promise<StoredResource | undefined> {
    this.forget(current.code);
    const changed = this.db.transaction(() => {
      const result = this.setStatus.run({ code: current.code, version: current.version, status, at });
      if (result.changes !== 1) return false;
      if (status === 'published') this.putInForce.run({ code: current.code, at });
      this.addHistory.run(current.code, action, status, departmentId, reason ?? null, at);
      return true;
    })();
    return changed ? this.read(current.code) : undefined;
  }

  async history(code: string): Promise<HistoryEvent[]> {
    const cached = this.histories.get(code);
    if (cached) return cached;
    const events = (this.historyRows.all(code) as HistoryRow[]).map((row) => ({
      action: row.action,
      status: row.status,
      department: row.department_id,
      ...(row.reason ? { reason: row.reason } : {}),
      at: row.at,
    }));
    this.histories.set(code, events);
    return events;
  }

  private forget(code: string): void {
    this.cache.delete(code);
    this.histories.delete(code);
  }
}

/** The SELECT of `list`: the filters apply to the version the viewer sees. */
function listQuery(
  filter: ResourceFilter,
  viewer: CatalogViewer,
): { sql: string; params: Record<string, unknown> } {
  const where = [`(${mine} OR p.resource_code IS NOT NULL)`];
  const params: Record<string, unknown> = {
    limit: filter.limit,
    viewer: viewer.departmentId,
    seesAll: viewer.seesAllWorkingVersions ? 1 : 0,
  };
  if (filter.provider) {
    where.push('(r.provider_id = @provider OR r.provider_code = @provider)');
    params.provider = filter.provider;
  }
  if (filter.status) {
    where.push(`${seenStatus} = @status`);
    params.status = filter.status;
  }
  if (filter.shareType) {
    where.push(`${seen('share_type')} = @shareType`);
    params.shareType = filter.shareType;
  }
  if (filter.q) {
    where.push(
      `(instr(${seen('name')}, @q) > 0 OR instr(r.code, @q) > 0 OR instr(${seen('entry')}, @q) > 0)`,
    );
    params.q = filter.q;
  }
  if (filter.after !== undefined) {
    where.push('r.code > @after');
    params.after = filter.after;
  }
  return { sql: `${selectResources} WHERE ${where.join(' AND ')} ORDER BY r.code LIMIT @limit`, params };
}

export function createResourceStore(db: Database): SqliteResourceStore {
  return new SqliteResourceStore(db);
}
