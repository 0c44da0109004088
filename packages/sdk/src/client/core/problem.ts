import type { ExchangeErrorContext } from '../errors/ExchangeError';
import { ExchangeHttpError } from '../errors/ExchangeHttpError';
import type { ProblemDetails } from '../operations';
import { redactJson, redactText } from './redact';
import { parseRetryAfter } from './retry';

/** The error for a non-2xx answer, from its RFC 9457 body or, failing that, from its status. */
export function toHttpError(
  response: Response,
  received: string,
  context: ExchangeErrorContext,
  secrets: readonly string[],
): ExchangeHttpError {
  const problem = problemOf(response, received, secrets);
  const requestId = response.headers.get('x-request-id') ?? problem.requestId ?? context.requestId;
  return new ExchangeHttpError(
    response.status,
    problem,
    { ...context, requestId },
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

/** Members RFC 9457 (and the exchange) define as strings; one of another type is ignored (§3.1). */
const stringMembers = ['type', 'title', 'detail', 'instance', 'code', 'zh', 'requestId'] as const;

/**
 * The answer as problem details. A server or proxy may quote the request back (a form with the client
 * secret, a refused token): every credential is cut out before the body becomes part of an error. A
 * JSON body is parsed first and redacted value by value, so an escaped secret (\u0053...) is caught too.
 */
function problemOf(response: Response, text: string, secrets: readonly string[]): ProblemDetails {
  const data = parseJson(text, response.headers.get('content-type'));
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const problem = redactJson(data, secrets) as Record<string, unknown>;
    for (const name of stringMembers) {
      if (name in problem && typeof problem[name] !== 'string') delete problem[name];
    }
    problem.status = response.status;
    return problem as ProblemDetails;
  }
  const detail = data === undefined && text !== '' ? redactText(text, secrets).slice(0, 500) : '';
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(detail === '' ? {} : { detail }),
  } as ProblemDetails;
}

/** The parsed body when it is labelled and well-formed JSON; undefined otherwise. */
function parseJson(text: string, contentType: string | null): unknown {
  if (text === '' || !/json/i.test(contentType ?? '')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
