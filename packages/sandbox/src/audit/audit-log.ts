import type { Database } from 'better-sqlite3';
import type { AuditLog, AuditQuery, StoredAuditEvent } from '../storage/ports';

export interface AuditEvent {
  at: string;
  departmentId: string | null;
  action: string;
  resourceCode: string | null;
  resourceProviderId: string | null;
  status: number;
  requestId: string;
  detail: string | null;
  /** The client id as sent (sanitised), on token requests and failed authentications. */
  clientId: string | null;
  /** Why the request was refused before its operation ran (`wrong_secret`, `invalid_token`, `rate_limited`…). */
  reason: string | null;
  /** The peer address, on token requests and on requests that authenticated nobody. */
  sourceAddress: string | null;
}

/** Events without a department kept by default: a few tens of MB at most. */
export const defaultMaxAnonymousEvents = 100_000;

/**
 * Every request, read or write, ends up here. Events queue for one turn of the event loop and are written in one
 * transaction on the bookkeeping connection (no fsync of its own, see `openBookkeeping`), so that catalogue reads
 * under load do not each pay for a durable commit. At most the events of the last turn are lost if the process dies.
 */
export function createAuditLog(db: Database, maxAnonymousEvents = defaultMaxAnonymousEvents): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_events (at, department_id, action, resource_code, resource_provider_id, status, request_id, detail,
       client_id, reason, source_address)
     VALUES (@at, @departmentId, @action, @resourceCode, @resourceProviderId, @status, @requestId, @detail,
       @clientId, @reason, @sourceAddress)`,
  );
  const countAnonymous = db.prepare('SELECT count(*) AS n FROM audit_events WHERE department_id IS NULL');
  const dropOldestAnonymous = db.prepare(
    'DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE department_id IS NULL ORDER BY id LIMIT ?)',
  );
  // Events without a department come from whoever can reach the port (failed logins, forged tokens): they are
  // kept up to a cap, the oldest deleted first, so that a flood cannot fill the disk. Events of departments are
  // never dropped. Counted once, at the first write, then kept up to date here.
  let anonymous: number | undefined;
  const writeAll = db.transaction((events: AuditEvent[]) => {
    anonymous ??= (countAnonymous.get() as { n: number }).n;
    for (const event of events) {
      insert.run(event);
      if (event.departmentId === null) anonymous++;
    }
    if (anonymous > maxAnonymousEvents) {
      dropOldestAnonymous.run(anonymous - maxAnonymousEvents);
      anonymous = maxAnonymousEvents;
    }
  });
  let queue: AuditEvent[] = [];
  let scheduled: NodeJS.Immediate | undefined;

  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (queue.length === 0 || !db.open) return;
    const events = queue;
    queue = [];
    writeAll(events);
  };

  const events = eventsQuery(db);
  return {
    record(event) {
      queue.push(event);
      scheduled ??= setImmediate(flush);
    },
    flush: async () => flush(),
    async list(query) {
      flush();
      return events(query);
    },
  };
}

/** The log's events, newest first, as `AuditQuery` filters them. */
function eventsQuery(db: Database): (query: AuditQuery) => StoredAuditEvent[] {
  return (query) => {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit };
    if (query.involving !== undefined) {
      where.push('(department_id = @involving OR resource_provider_id = @involving)');
      params.involving = query.involving;
    }
    if (query.before !== undefined) {
      where.push('id < @before');
      params.before = query.before;
    }
    for (const [field, column] of [
      ['resource', 'resource_code'],
      ['department', 'department_id'],
      ['action', 'action'],
    ] as const) {
      if (query[field] !== undefined) {
        where.push(`${column} = @${field}`);
        params[field] = query[field];
      }
    }
    if (query.since !== undefined) {
      where.push('at >= @since');
      params.since = query.since;
    }
    return db
      .prepare(
        `SELECT id, at, department_id AS departmentId, action, resource_code AS resourceCode,
           resource_provider_id AS resourceProviderId, status, request_id AS requestId, detail,
           client_id AS clientId, reason, source_address AS sourceAddress FROM audit_events
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all(params) as StoredAuditEvent[];
  };
}
