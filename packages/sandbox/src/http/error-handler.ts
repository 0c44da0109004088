import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../problems/problem';
import { sendProblem } from './send-problem';

/**
 * Maps every failure to RFC 9457 problem details, including Fastify's own (bad JSON, 415, 413, 404):
 * a client error is never answered with a 500, and a 500 never carries internals.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) return sendProblem(request, reply, error);
    const problem = fromFastifyError(error, request);
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

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route or hook runs (a path that is not
 * percent-encoded UTF-8, a path parameter over `maxParamLength`).
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  return sendProblem(request, reply, fromFastifyError(error, request));
}

function fromFastifyError(error: FastifyError, request: FastifyRequest): Problem {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new Problem('request.invalid', 'The path is not valid percent-encoded UTF-8', {
        zh: '路径不是有效的百分号编码 UTF-8',
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new Problem('route.not_found', 'No endpoint takes a path parameter this long');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(
        'request.unsupported_media_type',
        'Send application/json (or application/x-www-form-urlencoded to the token endpoint)',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge(request);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('request.invalid', error.message);
    default:
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        if (error.statusCode === 413) return tooLarge(request);
        if (error.statusCode === 415) return new Problem('request.unsupported_media_type', error.message);
        return new Problem('request.invalid', error.message);
      }
      return new Problem('internal.error', 'The exchange failed to process the request');
  }
}

function tooLarge(request: FastifyRequest): Problem {
  const limit = request.routeOptions.bodyLimit;
  return new Problem('request.too_large', `The body is larger than ${limit} bytes`, {
    zh: `请求体超过 ${limit} 字节`,
  });
}
