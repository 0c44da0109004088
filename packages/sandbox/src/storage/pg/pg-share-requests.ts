import { randomUUID } from 'node:crypto';
import { type ShareRow, toShareRequest } from '../../access/share-requests';
import type { ShareRequestFilter, ShareRequestStore } from '../ports';
import type { PgPool } from './pool';

// Share requests on PostgreSQL, answering as `access/share-requests.ts` does on SQLite. Each method is one
// statement, hence atomic; `decide` is a compare-and-set on `pending`, so of two instances deciding the same
// request at once, the second one's UPDATE waits for the first to commit, then finds it decided.

const insert = `INSERT INTO share_requests (id, resource_code, consumer_id, provider_id, purpose, status, created_at)
  VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING *`;
const decide = `UPDATE share_requests SET status = $2, reason = $3, decided_at = $4
  WHERE id = $1 AND status = 'pending' RETURNING *`;
const approved = `SELECT 1 FROM share_requests
  WHERE consumer_id = $1 AND resource_code = $2 AND status = 'approved' LIMIT 1`;

/** The SELECT of `list`: ordered by (created_at, id) byte by byte, as SQLite compares text ("C" collation). */
function listQuery(filter: ShareRequestFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [filter.departmentId];
  const add = (value: unknown) => `$${values.push(value)}`;
  const where: string[] = [];
  if (filter.role === 'consumer') where.push('consumer_id = $1');
  else if (filter.role === 'provider') where.push('provider_id = $1');
  else where.push('(consumer_id = $1 OR provider_id = $1)');
  if (filter.status) where.push(`status = ${add(filter.status)}`);
  if (filter.resource) where.push(`resource_code = ${add(filter.resource)}`);
  if (filter.after) {
    const [afterAt, afterId] = filter.after.split('|');
    where.push(
      `(created_at COLLATE "C", id COLLATE "C") > (${add(afterAt ?? null)}::text, ${add(afterId ?? null)}::text)`,
    );
  }
  const sql = `SELECT * FROM share_requests WHERE ${where.join(' AND ')}
    ORDER BY created_at COLLATE "C", id COLLATE "C" LIMIT ${add(filter.limit)}`;
  return { sql, values };
}

export function createPgShareRequestStore(pool: PgPool): ShareRequestStore {
  return {
    async create(resource, consumer, provider, purpose, at) {
      const { rows } = await pool.query<ShareRow>(insert, [
        randomUUID(),
        resource,
        consumer,
        provider,
        purpose,
        at,
      ]);
      return toShareRequest(rows[0]!);
    },
    async get(id) {
      const { rows } = await pool.query<ShareRow>('SELECT * FROM share_requests WHERE id = $1', [id]);
      return rows[0] ? toShareRequest(rows[0]) : undefined;
    },
    async decide(id, status, reason, at) {
      const { rows } = await pool.query<ShareRow>(decide, [id, status, reason, at]);
      return rows[0] ? toShareRequest(rows[0]) : undefined;
    },
    async isApproved(consumer, resource) {
      const { rowCount } = await pool.query(approved, [consumer, resource]);
      return rowCount === 1;
    },
    async list(filter) {
      const { sql, values } = listQuery(filter);
      const { rows } = await pool.query<ShareRow>(sql, values);
      return rows.map(toShareRequest);
    },
  };
}
