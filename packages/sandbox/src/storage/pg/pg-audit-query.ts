import type { AuditQuery, StoredAuditEvent } from '../ports';
import type { PgPool } from './pool';

/** Audit columns under the names of `StoredAuditEvent` (quoted: PostgreSQL folds unquoted names to lower case). */
const columns = `id, at, department_id AS "departmentId", action, resource_code AS "resourceCode",
  resource_provider_id AS "resourceProviderId", status, request_id AS "requestId", detail, client_id AS "clientId",
  reason, source_address AS "sourceAddress"`;

/**
 * The log's events, newest first, as `AuditQuery` filters them (as the SQLite log's `eventsQuery` does). `since`
 * compares ISO times byte by byte ("C" collation), as SQLite compares text.
 */
export function auditEventsQuery(pool: PgPool): (query: AuditQuery) => Promise<StoredAuditEvent[]> {
  return async (query) => {
    const values: unknown[] = [];
    const add = (value: unknown) => `$${values.push(value)}`;
    const where: string[] = [];
    if (query.involving !== undefined) {
      const involving = add(query.involving);
      where.push(`(department_id = ${involving} OR resource_provider_id = ${involving})`);
    }
    if (query.before !== undefined) where.push(`id < ${add(query.before)}`);
    for (const [field, column] of [
      ['resource', 'resource_code'],
      ['department', 'department_id'],
      ['action', 'action'],
    ] as const) {
      if (query[field] !== undefined) where.push(`${column} = ${add(query[field])}`);
    }
    if (query.since !== undefined) where.push(`at COLLATE "C" >= ${add(query.since)}`);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT ${columns} FROM audit_events ${filter} ORDER BY id DESC LIMIT ${add(query.limit)}`;
    return (await pool.query<StoredAuditEvent>(sql, values)).rows;
  };
}
