import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ownHeader } from './own-header';

/**
 * What a client may choose as its request id: 1 to 128 characters of letters, digits and `._~:/+=@-` — enough for
 * UUIDs, ULIDs, W3C trace ids and base64 ids, and nothing that can break out of a header, a log line, JSON or HTML.
 */
const acceptedRequestId = /^[A-Za-z0-9._~:/+=@-]{1,128}$/;

/**
 * The id of a request: the client's `X-Request-Id` when it is a plain id, otherwise a new UUID. The answer's header,
 * every problem body and the audit log carry this id only, never the header as sent.
 */
export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = ownHeader(headers, 'x-request-id');
  return given !== undefined && acceptedRequestId.test(given) ? given : randomUUID();
}
