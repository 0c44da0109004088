import type { OperationHandlers } from '../http/operation';
import { decodeCursor, encodeCursor } from '../records/cursor';
import type { Services } from '../services';
import { limitOf } from './page';

/**
 * The audit log, newest first. A department sees what it did and what was done to its resources; an
 * authority (大数据局) sees everything.
 */
export function auditRoutes(services: Services): OperationHandlers {
  const { state } = services;
  return {
    listAuditEvents: ({ caller, query }) => {
      state.audit.flush();
      const limit = limitOf(query);
      const where = ['department_id IS NOT NULL'];
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
          `SELECT id, at, department_id, action, resource_code, status, request_id, detail FROM audit_events
           WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
        )
        .all(params) as Array<{
        id: number;
        at: string;
        department_id: string;
        action: string;
        resource_code: string | null;
        status: number;
        request_id: string;
        detail: string | null;
      }>;
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      return {
        status: 200,
        body: {
          items: shown.map((row) => ({
            id: String(row.id),
            at: row.at,
            department: row.department_id,
            action: row.action,
            ...(row.resource_code !== null && /^[0-9]{6,}\/[0-9]+$/.test(row.resource_code)
              ? { resource: row.resource_code }
              : {}),
            status: row.status,
            requestId: row.request_id,
            ...(row.detail !== null ? { detail: JSON.parse(row.detail) } : {}),
          })),
          nextCursor: more ? encodeCursor('aud', shown[shown.length - 1]!.id) : null,
        },
      };
    },
  };
}
