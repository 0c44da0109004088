import { randomUUID } from 'node:crypto';
import type { ShareRequest, ShareRequestStatus } from '@unsilo/sdk/schemas';
import type { Database } from 'better-sqlite3';
import type { ShareRequestFilter, ShareRequestStore } from '../storage/ports';

/** A share request as both stores keep it. */
export interface ShareRow {
  id: string;
  resource_code: string;
  consumer_id: string;
  provider_id: string;
  purpose: string;
  status: ShareRequestStatus;
  reason: string | null;
  created_at: string;
  decided_at: string | null;
}

export function toShareRequest(row: ShareRow): ShareRequest {
  return {
    id: row.id,
    resource: row.resource_code,
    consumer: row.consumer_id,
    provider: row.provider_id,
    purpose: row.purpose,
    status: row.status,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    createdAt: row.created_at,
    ...(row.decided_at !== null ? { decidedAt: row.decided_at } : {}),
  };
}

/** Share requests on SQLite. */
export function createShareRequestStore(db: Database): ShareRequestStore {
  const insert = db.prepare(
    `INSERT INTO share_requests (id, resource_code, consumer_id, provider_id, purpose, status, created_at)
     VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
  );
  const byId = db.prepare('SELECT * FROM share_requests WHERE id = ?');
  const decide = db.prepare(
    `UPDATE share_requests SET status = ?, reason = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
  );
  const approved = db.prepare(
    `SELECT 1 FROM share_requests WHERE consumer_id = ? AND resource_code = ? AND status = 'approved' LIMIT 1`,
  );

  return {
    async create(resource, consumer, provider, purpose, at) {
      const id = randomUUID();
      insert.run(id, resource, consumer, provider, purpose, at);
      return toShareRequest(byId.get(id) as ShareRow);
    },
    async get(id) {
      const row = byId.get(id) as ShareRow | undefined;
      return row ? toShareRequest(row) : undefined;
    },
    async decide(id, status, reason, at) {
      if (decide.run(status, reason, at, id).changes !== 1) return undefined;
      return toShareRequest(byId.get(id) as ShareRow);
    },
    async isApproved(consumer, resource) {
      return approved.get(consumer, resource) !== undefined;
    },
    async list(filter: ShareRequestFilter) {
      const where: string[] = [];
      if (filter.role === 'consumer') where.push('consumer_id = @departmentId');
      else if (filter.role === 'provider') where.push('provider_id = @departmentId');
      else where.push('(consumer_id = @departmentId OR provider_id = @departmentId)');
      if (filter.status) where.push('status = @status');
      if (filter.resource) where.push('resource_code = @resource');
      if (filter.after) where.push('(created_at, id) > (@afterAt, @afterId)');
      const [afterAt, afterId] = filter.after ? filter.after.split('|') : [];
      const sql = `SELECT * FROM share_requests WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT @limit`;
      return (
        db.prepare(sql).all({
          departmentId: filter.departmentId,
          status: filter.status,
          resource: filter.resource,
          afterAt,
          afterId,
          limit: filter.limit,
        }) as ShareRow[]
      ).map(toShareRequest);
    },
  };
}
