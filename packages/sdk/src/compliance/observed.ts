import type { IncomingHttpHeaders } from 'node:http';
import type { ComplianceRuleId } from './rules';

/** A request as the proxy saw it, before forwarding. Header names are lower case. */
export interface ObservedRequest {
  readonly method: string;
  /** Path without the query string, as sent (percent-encoding kept). */
  readonly path: string;
  /** Query parameters in order; values stay in memory only, never in a finding or the report. */
  readonly query: readonly (readonly [string, string])[];
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Milliseconds since the epoch when the request arrived. */
  readonly at: number;
}

/** One rule broken by one request; the log counts repeats. Never carries a secret, a body or a query value. */
export interface FindingEvent {
  readonly rule: ComplianceRuleId;
  readonly message: { readonly zh: string; readonly en: string };
  readonly operation?: string;
  readonly method: string;
  readonly path: string;
  readonly at: number;
}

/** The first value of a header, or undefined. */
export function headerOf(headers: ObservedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}
