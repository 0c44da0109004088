import type { Database } from 'better-sqlite3';

export interface AuditEvent {
  at: string;
  departmentId: string | null;
  action: string;
  resourceCode: string | null;
  resourceProviderId: string | null;
  status: number;
  requestId: string;
  detail: string | null;
}

export interface AuditLog {
  record(event: AuditEvent): void;
  /** Writes queued events now (called before reads of the log and on close). */
  flush(): void;
}

/**
 * Every request, read or write, ends up here. Events queue for one turn of the event loop and are written in one
 * transaction on the bookkeeping connection (no fsync of its own, see `openBookkeeping`), so that catalogue reads
 * under load do not each pay for a durable commit. At most the events of the last turn are lost if the process dies.
 */
export function createAuditLog(db: Database): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_events (at, department_id, action, resource_code, resource_provider_id, status, request_id, detail)
     VALUES (@at, @departmentId, @action, @resourceCode, @resourceProviderId, @status, @requestId, @detail)`,
  );
  const writeAll = db.transaction((events: AuditEvent[]) => {
    for (const event of events) insert.run(event);
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

  return {
    record(event) {
      queue.push(event);
      scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
