import { bodyHashOf, clientKeyOf } from './client-identity';
import { type FindingEvent, headerOf, type ObservedRequest } from './observed';

type Event = Omit<FindingEvent, 'method' | 'path' | 'at'>;

/** What the proxy learned from the answer to one request. */
export interface ObservedOutcome {
  /** The status, or undefined when no answer came (target unreachable, the client gave up). */
  status?: number;
  retryAfter?: string;
  /** The `nextCursor` of a list answer, when it had one. */
  nextCursor?: string | null;
  /** Milliseconds since the epoch when the answer (or the failure) came. */
  at: number;
}

interface PendingCursor {
  client: string;
  cursor: string;
  operation: string;
  method: string;
  path: string;
  at: number;
}

/** Query parameters that carry a cursor back: `cursor` for lists, `after` for the change feed. */
const cursorParams = new Set(['cursor', 'after']);

/** Seconds or an HTTP date (RFC 9110 §10.2.3) → milliseconds to wait; undefined when unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A failed attempt that a client should retry with the same Idempotency-Key. */
const isRetryable = (status: number | undefined) =>
  status === undefined || status === 408 || status === 429 || status >= 500;

/**
 * The checks that need each client's history: Retry-After kept, the Idempotency-Key reused on a retry, and every
 * `nextCursor` followed. Keyed by client (see clientKeyOf) and never holding a token or a body, only hashes.
 */
export class ClientHistory {
  readonly #blockedUntil = new Map<string, number>();
  /** client, operation, path, body hash → the Idempotency-Key of its last failed attempt. */
  readonly #failedKeys = new Map<string, string>();
  readonly #requestedCursors = new Map<string, Set<string>>();
  readonly #pendingCursors: PendingCursor[] = [];

  /** Judges a request as it arrives; returns a function to call with its outcome. */
  onRequest(
    request: ObservedRequest,
    operation: string | undefined,
  ): {
    events: Event[];
    settle: (outcome: ObservedOutcome) => void;
  } {
    const client = clientKeyOf(request);
    const events: Event[] = [];
    const op = operation ? { operation } : {};
    const blockedUntil = this.#blockedUntil.get(client);
    if (blockedUntil !== undefined && request.at < blockedUntil) {
      events.push({
        rule: 'retry-after/ignored',
        ...op,
        message: {
          zh: '收到 429 后未等到 Retry-After 指定的时间就再次请求',
          en: 'sent before the Retry-After of the 429 this client received had elapsed',
        },
      });
    }
    this.#rememberCursors(client, request);
    const key = headerOf(request.headers, 'idempotency-key') || undefined;
    const attempt = [client, operation ?? '', request.method, request.path, bodyHashOf(request.body)].join(
      '\n',
    );
    const failedKey = this.#failedKeys.get(attempt);
    if (key !== undefined && failedKey !== undefined && failedKey !== key) {
      events.push({
        rule: 'idempotency/key-not-reused',
        ...op,
        message: {
          zh: '重试失败的写操作时换了新的 Idempotency-Key，可能重复写入',
          en: 'a failed write was retried with a new Idempotency-Key, so it may be applied twice',
        },
      });
    }
    const settle = (outcome: ObservedOutcome) =>
      this.#settle(client, request, operation, attempt, key, outcome);
    return { events, settle };
  }

  #rememberCursors(client: string, request: ObservedRequest): void {
    for (const [name, value] of request.query) {
      if (!cursorParams.has(name)) continue;
      const seen = this.#requestedCursors.get(client) ?? new Set<string>();
      seen.add(value);
      this.#requestedCursors.set(client, seen);
    }
  }

  #settle(
    client: string,
    request: ObservedRequest,
    operation: string | undefined,
    attempt: string,
    key: string | undefined,
    outcome: ObservedOutcome,
  ): void {
    if (outcome.status === 429) {
      const wait = retryAfterMs(outcome.retryAfter, outcome.at) ?? 0;
      const until = Math.max(this.#blockedUntil.get(client) ?? 0, outcome.at + wait);
      this.#blockedUntil.set(client, until);
    }
    if (key !== undefined && isRetryable(outcome.status)) this.#failedKeys.set(attempt, key);
    else this.#failedKeys.delete(attempt);
    if (typeof outcome.nextCursor === 'string' && outcome.nextCursor !== '') {
      this.#pendingCursors.push({
        client,
        cursor: outcome.nextCursor,
        operation: operation ?? '',
        method: request.method,
        path: request.path,
        at: outcome.at,
      });
    }
  }

  /** The list answers whose nextCursor the same client never asked for (judged when the report is taken). */
  unfollowedPages(): FindingEvent[] {
    return this.#pendingCursors
      .filter((p) => !this.#requestedCursors.get(p.client)?.has(p.cursor))
      .map((p) => ({
        rule: 'pagination/not-followed',
        ...(p.operation ? { operation: p.operation } : {}),
        method: p.method,
        path: p.path,
        at: p.at,
        message: {
          zh: '列表还有下一页（nextCursor 非空），但客户端没有请求它',
          en: 'the list had a next page (a non-null nextCursor) that the client never requested',
        },
      }));
  }
}
