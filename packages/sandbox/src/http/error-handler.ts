import type { FastifyError, FastifyInstance } from 'fastify';
import { Problem } from '../problems/problem';
import { sendProblem } from './send-problem';

/**
 * Maps every failure to RFC 9457 problem details, including Fastify's own (bad JSON, 415, 413, 404):
 * a client error is never answered with a 500, and a 500 never carries internals.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) return sendProblem(request, reply, error);
    const problem = fromFastifyError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new Problem('route.not_found', `No endpoint ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}

function fromFastifyError(error: FastifyError): Problem {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(
        'request.unsupported_media_type',
        'Send application/json (or application/x-www-form-urlencoded to the token endpoint)',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('request.too_large', error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('request.invalid', error.message);
    default:
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        if (error.statusCode === 413) return new Problem('request.too_large', error.message);
        if (error.statusCode === 415) return new Problem('request.unsupported_media_type', error.message);
        return new Problem('request.invalid', error.message);
      }
      return new Problem('internal.error', 'The exchange failed to process the request');
  }
}
