import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import { answerFrameworkError } from './error-handler';
import { parseQuery } from './query-string';
import { requestIdFor } from './request-id';
import { answerClientError, maxHeaderBytes } from './socket-problems';

/**
 * How the exchange's HTTP server is set up: what Node and Fastify refuse on their own is answered as a problem
 * (`clientErrorHandler`, `frameworkErrors`), queries are parsed without prototypes, and every request has a
 * bounded size and time.
 */
export function serverOptions(options: { bodyLimit: number; logger: boolean }): FastifyHttpOptions<Server> {
  return {
    bodyLimit: options.bodyLimit,
    // Requests are logged without headers or bodies: tokens, signatures and secrets never reach the log.
    logger: options.logger
      ? { level: 'info', serializers: { req: (req) => ({ method: req.method, url: req.url, id: req.id }) } }
      : false,
    genReqId: (request) => requestIdFor(request.headers),
    routerOptions: { maxParamLength: 500, querystringParser: parseQuery },
    // Host is required by `registerRequestGuards`, which answers its absence as a problem.
    http: { maxHeaderSize: maxHeaderBytes, requireHostHeader: false },
    // The whole request, body included, within 5 minutes (Node's default, which Fastify turns off): a client that
    // trickles a body cannot hold a connection for ever. Its 408 is answered by `answerClientError`.
    requestTimeout: 300_000,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    return503OnClosing: false,
  };
}
