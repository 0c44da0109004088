import type { FastifyInstance } from 'fastify';
import { Problem } from '../problems/problem';
import { ownHeader } from './own-header';
import { queryRefusal } from './query-string';

/**
 * Refusals of a request as a whole, before anything else runs for it: an HTTP/1.1 request without `Host`
 * (RFC 9112 §3.2; Node's own check would answer an empty 400), and a query string `parseQuery` refused.
 */
export function registerRequestGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.raw.httpVersion === '1.1' && ownHeader(request.headers, 'host') === undefined) {
      throw new Problem('request.invalid', 'An HTTP/1.1 request needs a Host header', {
        zh: 'HTTP/1.1 请求须携带 Host 请求头',
      });
    }
    const refusal = queryRefusal(request.query);
    if (refusal) throw refusal;
  });
}
