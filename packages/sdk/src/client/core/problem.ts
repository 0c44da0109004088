import type { ExchangeErrorContext } from '../errors/ExchangeError';
import { ExchangeHttpError } from '../errors/ExchangeHttpError';
import type { ProblemDetails } from '../operations';
import { parseRetryAfter } from './retry';

/** The error for a non-2xx answer, from its RFC 9457 body or, failing that, from its status. */
export function toHttpError(
  response: Response,
  received: string,
  context: ExchangeErrorContext,
  secrets: readonly string[],
): ExchangeHttpError {
  // A server or proxy may quote the request back (a form with the client secret, a refused token):
  // whatever credential appears in the answer is cut out before the text becomes an error.
  const text = scrub(received, secrets);
  let data: unknown = text;
  if (text !== '' && /json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text as the detail.
    }
  }
  const problem = asProblem(data, response);
  const requestId =
    response.headers.get('x-request-id') ??
    (typeof problem.requestId === 'string' ? problem.requestId : undefined) ??
    context.requestId;
  return new ExchangeHttpError(
    response.status,
    problem,
    { ...context, requestId },
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

function asProblem(data: unknown, response: Response): ProblemDetails {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    return { ...(data as Record<string, unknown>), status: response.status } as ProblemDetails;
  }
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(typeof data === 'string' && data !== '' ? { detail: data.slice(0, 500) } : {}),
  } as ProblemDetails;
}

export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ];
    for (const form of new Set(forms)) {
      if (clean.includes(form)) clean = clean.split(form).join('[REDACTED]');
    }
  }
  return clean;
}
