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
  const problem = problemOf(response, received, secrets, context.url);
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
function problemOf(
  response: Response,
  text: string,
  secrets: readonly string[],
  url: string | undefined,
): ProblemDetails {
  const data = parseJson(text, response.headers.get('content-type'));
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const problem = redactJson(data, secrets) as Record<string, unknown>;
    for (const name of stringMembers) {
      if (name in problem && typeof problem[name] !== 'string') delete problem[name];
    }
    problem.status = response.status;
    return withBaseUrlHint(problem as ProblemDetails, url);
  }
  const labelledJson = /json/i.test(response.headers.get('content-type') ?? '');
  // A JSON answer that is no problem object (null, a list, cut short) came from something speaking JSON:
  // what it holds is quoted, redacted. Anything else is not quoted (see notProblemDetails).
  const quoted = data === undefined && text !== '' ? redactText(text, secrets).slice(0, 500) : '';
  const details =
    text !== '' && !labelledJson ? notProblemDetails(response, url) : quoted === '' ? {} : { detail: quoted };
  const problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...details,
  } as ProblemDetails;
  return withBaseUrlHint(problem, url);
}

/**
 * What a body that is no problem document says about where the call went. The body itself is not quoted:
 * it is most often a web server's or gateway's page (a wrong address), which teaches nothing as text.
 */
function notProblemDetails(response: Response, url: string | undefined): { detail: string; zh: string } {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() || 'no content type';
  const got = `${type} ${response.status}`;
  const where = url ?? 'this address';
  return {
    detail: `No Unsilo exchange answered at ${where} (got ${got})`,
    zh: `${url ?? '该地址'} 处没有 Unsilo 交换平台应答（收到 ${got}）`,
  };
}

/** A 404 for a path under /v1/v1/: the base URL was given with the /v1 that the client adds itself. */
function withBaseUrlHint(problem: ProblemDetails, url: string | undefined): ProblemDetails {
  if (problem.status !== 404 || url === undefined) return problem;
  const at = url.indexOf('/v1/v1/');
  if (at < 0) return problem;
  const base = url.slice(0, at);
  return {
    ...problem,
    hint: `The base URL ends in /v1, but the client adds /v1 itself: use ${base} (基础地址以 /v1 结尾，客户端会自行加上 /v1：请改用 ${base})`,
  };
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
