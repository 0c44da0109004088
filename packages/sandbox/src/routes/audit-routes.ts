import type { OperationHandlers } from '../http/operation';
import { decodeCursor, encodeCursor } from '../records/cursor';
import type { Services } from '../services';
import type { StoredAuditEvent } from '../storage/ports';
import { limitOf } from './page';

/**
 * The audit log, newest first. A department sees what it did and what was done to its resources; an
 * authority (大数据局) sees everything, including the requests that authenticated nobody (failed logins, forged
 * tokens), which carry the client id as sent, the reason and the source address instead of a department.
 */
export function auditRoutes(services: Services): OperationHandlers {
  return {
    listAuditEvents: async ({ caller, query }) => {
      const limit = limitOf(query);
      const before = decodeCursor('aud', typeof query.cursor === 'string' ? query.cursor : undefined);
      const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
      const since = text('since');
      const rows = await services.audit.list({
        ...(caller.department.roles.includes('authority') ? {} : { involving: caller.department.id }),
        ...(before !== undefined ? { before: Number(before) } : {}),
        resource: text('resource'),
        department: text('department'),
        action: text('action'),
        ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
        limit: limit + 1,
      });
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      return {
        status: 200,
        body: {
          items: shown.map(toItem),
          nextCursor: more ? encodeCursor('aud', shown[shown.length - 1]!.id) : null,
        },
      };
    },
  };
}

/** An event as the contract's AuditEvent shows it: absent fields left out, the resource only when it is a code. */
function toItem(row: StoredAuditEvent) {
  return {
    id: String(row.id),
    at: row.at,
    ...(row.departmentId !== null ? { department: row.departmentId } : {}),
    action: row.action,
    ...(row.resourceCode !== null && /^[0-9]{6,}\/[0-9]+$/.test(row.resourceCode)
      ? { resource: row.resourceCode }
      : {}),
    status: row.status,
    requestId: row.requestId,
    ...(row.detail !== null ? { detail: JSON.parse(row.detail) } : {}),
    ...(row.clientId !== null ? { clientId: row.clientId } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.sourceAddress !== null ? { sourceAddress: row.sourceAddress } : {}),
  };
}
