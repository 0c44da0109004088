import { isHTTPError, isTimeoutError } from 'ky';
import { ExchangeAbortError } from '../errors/ExchangeAbortError';
import { ExchangeError } from '../errors/ExchangeError';
import { ExchangeNetworkError } from '../errors/ExchangeNetworkError';
import { ExchangeTimeoutError } from '../errors/ExchangeTimeoutError';
import { type CallState, errorContext } from './call';
import { bodyOf, NetworkFailure } from './ky-fetch';
import { lowLevelReason, sanitizedCause } from './network-reason';
import { toHttpError } from './problem';

/**
 * The typed error for whatever ended a call inside ky: ky's HTTPError becomes an ExchangeHttpError
 * (the problem details, redacted), its TimeoutError an ExchangeTimeoutError, a failed connection an
 * ExchangeNetworkError; the caller's abort wins over all of them. Ky's own errors never escape: they
 * quote the request URL unredacted and hold the request itself.
 */
export async function failureOf(thrown: unknown, call: CallState, timeout: number): Promise<ExchangeError> {
  const secrets = call.secrets();
  const context = errorContext(call);
  if (call.signal?.aborted) return new ExchangeAbortError(context, { cause: call.signal.reason });
  if (thrown instanceof ExchangeError) return thrown;
  if (isHTTPError(thrown)) {
    const text = await bodyOf(thrown.response).catch(() => '');
    return toHttpError(thrown.response, text, context, secrets);
  }
  if (isTimeoutError(thrown)) return new ExchangeTimeoutError(timeout, context);
  const cause = thrown instanceof NetworkFailure ? thrown.cause : thrown;
  return new ExchangeNetworkError(lowLevelReason(cause, secrets), context, {
    cause: sanitizedCause(cause, secrets),
  });
}
