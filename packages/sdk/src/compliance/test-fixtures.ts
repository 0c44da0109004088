import type { IncomingHttpHeaders } from 'node:http';
import type { ObservedRequest } from './observed';

/** An observed request for the rule tests: `url` may carry a query string; a string body is UTF-8. */
export function observed(
  method: string,
  url: string,
  { headers = {}, body = '', at = 1_000 }: { headers?: IncomingHttpHeaders; body?: string; at?: number } = {},
): ObservedRequest {
  const mark = url.indexOf('?');
  return {
    method,
    path: mark < 0 ? url : url.slice(0, mark),
    query: mark < 0 ? [] : [...new URLSearchParams(url.slice(mark + 1))],
    headers,
    body: Buffer.from(body),
    at,
  };
}

export const CODE = encodeURIComponent('307001030801/000012');
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const json = { 'content-type': 'application/json' };
