import { createHash } from 'node:crypto';
import { headerOf, type ObservedRequest } from './observed';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Who sent a request, as a key that holds no secret: the HMAC client id (`X-Client-Id`), or a hash of the
 * bearer token — the token itself is never kept. A token refresh therefore starts a new "client"; within one
 * token's life (an hour) that is the same application.
 */
export function clientKeyOf(request: Pick<ObservedRequest, 'headers'>): string {
  const clientId = headerOf(request.headers, 'x-client-id');
  if (clientId) return `client:${clientId.slice(0, 128)}`;
  const auth = headerOf(request.headers, 'authorization');
  const bearer = auth && /^bearer\s+(.+)$/i.exec(auth.trim());
  if (bearer) return `token:${digest(bearer[1]!)}`;
  return 'anonymous';
}

/** The hash of a body's bytes: the same write sent again has the same hash. */
export function bodyHashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
