import { type AuditEvent, defaultMaxAnonymousEvents } from '../../audit/audit-log';
import type { AuditLog } from '../ports';
import { auditEventsQuery } from './pg-audit-query';
import { inTransaction, type PgPool } from './pool';

/** Events kept in memory while the database refuses them (about 50 MB at most); the oldest go first beyond. */
const MAX_PENDING_EVENTS = 100_000;
/** Dropped at once when the queue is full, so that a full queue costs one copy per thousand events, not each. */
const DROPPED_WHEN_FULL = 1_000;
/** After a failed write, the next attempt (unless an event or a read of the log comes sooner). */
const RETRY_AFTER_MS = 1_000;

const insertEvents = `INSERT INTO audit_events (at, department_id, action, resource_code, resource_provider_id,
    status, request_id, detail, client_id, reason, source_address)
  SELECT at, department_id, action, resource_code, resource_provider_id, status, request_id, detail, client_id,
    reason, source_address
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[])
    WITH ORDINALITY AS e(at, department_id, action, resource_code, resource_provider_id, status, request_id, detail,
      client_id, reason, source_address, n)
  ORDER BY n`;

/** PostgreSQL text cannot hold U+0000: one such character would make every retry of the queue fail. */
function storable(text: string | null): string | null {
  return text?.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}

/** The queued events as the eleven column arrays of `insertEvents`, in queue order. */
function columnsOf(events: AuditEvent[]): unknown[] {
  const text = (pick: (event: AuditEvent) => string | null) => events.map((event) => storable(pick(event)));
  return [
    text((e) => e.at),
    text((e) => e.departmentId),
    text((e) => e.action),
    text((e) => e.resourceCode),
    text((e) => e.resourceProviderId),
    events.map((e) => e.status),
    text((e) => e.requestId),
    text((e) => e.detail),
    text((e) => e.clientId),
    text((e) => e.reason),
    text((e) => e.sourceAddress),
  ];
}

/**
 * Writes events in one statement. Events without a department come from whoever can reach the port (failed
 * logins, forged tokens): they are kept up to a cap, the oldest deleted first, so that a flood cannot fill the
 * disk; events of departments are never dropped. Their number lives in `audit_anonymous_count` (migration 004),
 * whose row lock makes the writes of several instances take turns on it.
 */
async function writeEvents(pool: PgPool, events: AuditEvent[], maxAnonymous: number): Promise<void> {
  const anonymous = events.filter((event) => event.departmentId === null).length;
  if (anonymous === 0) {
    await pool.query(insertEvents, columnsOf(events));
    return;
  }
  await inTransaction(pool, async (client) => {
    await client.query(insertEvents, columnsOf(events));
    const { rows } = await client.query<{ events: number }>(
      'UPDATE audit_anonymous_count SET events = events + $1 WHERE id = 1 RETURNING events',
      [anonymous],
    );
    const excess = (rows[0]?.events ?? 0) - maxAnonymous;
    if (excess <= 0) return;
    await client.query(
      `DELETE FROM audit_events WHERE id IN
        (SELECT id FROM audit_events WHERE department_id IS NULL ORDER BY id LIMIT $1)`,
      [excess],
    );
    await client.query('UPDATE audit_anonymous_count SET events = $1 WHERE id = 1', [maxAnonymous]);
  });
}

/** A data error (SQLSTATE class 22) or a broken constraint (23): the same events would fail again, forever. */
function isPermanent(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * The audit log on PostgreSQL. Events queue and are written on the next turn of the event loop, those of the same
 * turn together, in one multi-row insert. With several instances, the events one instance queued are visible to
 * the others only once written: that window is the rest of the turn plus one insert, milliseconds (a read of the
 * log on the same instance flushes first, so it always sees its own events). A failed write never throws from
 * `record` nor crashes the process: its events go back to the front of the queue (at most
 * `MAX_PENDING_EVENTS`, the oldest dropped beyond) and are tried again with the next flush, or after a second —
 * unless the database refused the data itself (SQLSTATE class 22 or 23), which no retry would change: those
 * events are dropped rather than block the ones behind them. `flush()` itself rejects when its write fails.
 */
export function createPgAuditLog(pool: PgPool, maxAnonymousEvents = defaultMaxAnonymousEvents): AuditLog {
  let queue: AuditEvent[] = [];
  /** A flush is due on the next turn, or a retry after a failure: one of each at a time. */
  let flushScheduled = false;
  let retryScheduled = false;
  /** The write under way: one at a time, so that events are written in the order they were recorded. */
  let writing: Promise<void> | undefined;

  const keep = (events: AuditEvent[]) => {
    queue = events.concat(queue);
    if (queue.length > MAX_PENDING_EVENTS) queue = queue.slice(queue.length - MAX_PENDING_EVENTS);
  };
  const retryLater = () => {
    retryScheduled = false;
    flush().catch(() => {});
  };
  /** The flush of a turn: its failure is kept for the next one, never thrown. */
  const flushLater = () => {
    flushScheduled = false;
    flush().catch(() => {});
  };

  const write = (events: AuditEvent[]): Promise<void> =>
    writeEvents(pool, events, maxAnonymousEvents)
      .catch((error: unknown) => {
        if (!isPermanent(error)) keep(events);
        // A closed pool stays closed: no retry then (the events are lost with the instance, as on SQLite).
        if (!retryScheduled && !pool.ending) {
          retryScheduled = true;
          setTimeout(retryLater, RETRY_AFTER_MS).unref();
        }
        throw error;
      })
      .finally(() => {
        writing = undefined;
      });

  const flush = async (): Promise<void> => {
    while (writing) await writing.catch(() => {});
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    writing = write(events);
    await writing;
  };

  const list = auditEventsQuery(pool);
  return {
    record(event) {
      queue.push(event);
      if (queue.length > MAX_PENDING_EVENTS) queue.splice(0, DROPPED_WHEN_FULL);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flushLater);
      }
    },
    flush,
    async list(query) {
      await flush();
      return list(query);
    },
  };
}
