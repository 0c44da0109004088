import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../problems/problem';
import { parseFormBody } from './form-body';
import { parseJsonBody } from './json-body';
import { ownHeader } from './own-header';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: HMAC signatures and idempotency hashes are computed over them. */
    rawBody?: Buffer;
    /** How `rawBody` is decoded (see `decodeBody`). */
    bodyMediaType?: BodyMediaType;
  }
}

type BodyMediaType = 'json' | 'form';

const mediaTypes: ReadonlyArray<[string, BodyMediaType]> = [
  ['application/json', 'json'],
  // For the OAuth token endpoint.
  ['application/x-www-form-urlencoded', 'form'],
];

/**
 * JSON and form bodies only, in UTF-8 only. Reading a body keeps its bytes (up to the body limit, else 413) and
 * nothing more: it is decoded by `decodeBody` once the request is authenticated — a signature covers the bytes,
 * and an unauthenticated client must not make the exchange parse anything.
 */
export function registerContentTypes(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  for (const [mediaType, kind] of mediaTypes) {
    app.addContentTypeParser(mediaType, { parseAs: 'buffer' }, (request, body: Buffer, done) => {
      const charset = charsetOf(ownHeader(request.headers, 'content-type') ?? '');
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        done(
          new Problem(
            'request.unsupported_media_type',
            `Send the body in UTF-8 (charset=${charset} is not supported)`,
            {
              zh: `请求体须为 UTF-8 编码（不支持 charset=${charset}）`,
            },
          ),
          undefined,
        );
        return;
      }
      request.rawBody = body;
      request.bodyMediaType = kind;
      done(null, undefined);
    });
  }
}

/** The body of the request as its media type reads it; undefined when it has none. */
export function decodeBody(request: FastifyRequest): unknown {
  const bytes = request.rawBody;
  if (bytes === undefined) return undefined;
  return request.bodyMediaType === 'form' ? parseFormBody(bytes) : parseJsonBody(bytes);
}

/** The `charset` parameter of a Content-Type, lower case and unquoted (at most 40 characters of it). */
function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? '').toLowerCase().slice(0, 40) : undefined;
}
