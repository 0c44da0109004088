import type { IncomingHttpHeaders } from 'node:http';

/**
 * A request header as the request itself sent it: Node's header object has `Object.prototype`, so a plain
 * `headers.authorization` would read an inherited property if anything in the process ever polluted the prototype.
 * `name` is lower case; repeated headers Node keeps as a list (only `set-cookie`) count as absent.
 */
export function ownHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}
