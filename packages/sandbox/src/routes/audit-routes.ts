import type { OperationHandlers } from '../http/operation';
import { decodeCursor, encodeCursor } from '../records/cursor';
import type { Services } from '../services';
import { limitOf } from './page';

/**
 * The audit log, newest first. A department sees what it did and what was done to its resources; an
 * authority (大数据局) sees everything, including the requests that authenticated nobody (failed logins, forged
 * tokens), which carry the client id as sent, the reason and the source address instead of a department.
 */
export function auditRoutes(services: Services): OperationHandlers {
  const { state } = services;
  return {
    listAuditEvents: ({ caller, query }) => {
      state.audit.flush();
      const limit = limitOf(query);
      const where: string[] = [];
      const params: Record<string, unknown> = { me: caller.department.id, limit: limit + 1 };
      if (!caller.department.roles.includes('authority')) {
        where.push('(department_id = @me OR resource_provider_id = @me)');
      }
      const before = decodeCursor('aud', typeof query.cursor === 'string' ? query.cursor : undefined);
      if (before !== undefined) {
        where.push('id < @before');
        params.before = Number(before);
      }
      for (const [field, column] of [
        ['resource', 'resource_code'],
        ['department', 'department_id'],
        ['action', 'action'],
      ] as const) {
        if (typeof query[field] === 'string') {
          where.push(`${column} = @${field}`);
          params[field] = query[field];
        }
      }
      if (typeof query.since === 'string') {
        where.push('at >= @since');
        params.since = new Date(query.since).toISOString();
      }
      const rows = state.db
        .prepare(
          `SELECT id, at, department_id, action, resource_code, status, request_id, detail, client_id, reason,
             source_address FROM audit_events
           ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
        )
        .all(params) as Array<{
        id: number;
        at: string;
        department_id: string | null;
        action: string;
        resource_code: string | null;
        status: number;
        request_id: string;
        detail: string | null;
        client_id: string | null;
        reason: string | null;
        source_address: string | null;
      }>;
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      return {
        status: 200,
        body: {
          items: shown.map((row) => ({
            id: String(row.id),
            at: row.at,
            ...(row.department_id !== null ? { department: row.department_id } : {}),
            action: row.action,
            ...(row.resource_code !== null && /^[0-9]{6,}\/[0-9]+$/.test(row.resource_code)
              ? { resource: row.resource_code }
              : {}),
            status: row.status,
            requestId: row.request_id,
            ...(row.detail !== null ? { detail: JSON.parse(row.detail) } : {}),
            ...(row.client_id !== null ? { clientId: row.client_id } : {}),
            ...(row.reason !== null ? { reason: row.reason } : {}),
            ...(row.source_address !== null ? { sourceAddress: row.source_address } : {}),
          })),
          nextCursor: more ? encodeCursor('aud', shown[shown.length - 1]!.id) : null,
        },
      };
    },
  };
}
