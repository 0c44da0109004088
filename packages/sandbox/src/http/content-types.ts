import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { Problem } from '../problems/problem';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: HMAC signatures and idempotency hashes are computed over them. */
    rawBody?: Buffer;
  }
}

/**
 * JSON and form bodies only (form for the OAuth token endpoint). The raw bytes are kept for request signing;
 * `__proto__` and `constructor.prototype` keys are refused rather than parsed.
 */
export function registerContentTypes(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    const bytes = body;
    request.rawBody = bytes;
    try {
      done(
        null,
        secureJson.parse(bytes.toString('utf8'), undefined, {
          protoAction: 'error',
          constructorAction: 'error',
        }),
      );
    } catch (error) {
      const message = error instanceof SyntaxError ? error.message : 'forbidden prototype key in JSON';
      done(new Problem('request.invalid', `The body is not valid JSON: ${message}`), undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request, body: Buffer, done) => {
      const bytes = body;
      request.rawBody = bytes;
      done(null, Object.fromEntries(new URLSearchParams(bytes.toString('utf8'))));
    },
  );
}
