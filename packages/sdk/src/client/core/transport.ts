import type { z } from 'zod';
import { ExchangeAbortError } from '../errors/ExchangeAbortError';
import type { ExchangeErrorContext } from '../errors/ExchangeError';
import { ExchangeNetworkError } from '../errors/ExchangeNetworkError';
import { ExchangeTimeoutError } from '../errors/ExchangeTimeoutError';
import { checkRequestOptions } from '../options';
import { pause, untilAborted } from './abort';
import { type AttemptFailure, type AttemptResult, attempt } from './attempt';
import type { Authenticator } from './auth';
import { lowLevelReason, sanitizedCause } from './network-reason';
import { toHttpError } from './problem';
import { redactUrl } from './redact';
import { readSuccess } from './response';
import { backoffDelay, parseRetryAfter, type RetryOptions, toRetryPolicy } from './retry';
import { fillPath, joinBaseUrl, toQueryString } from './url';

/** What the client needs to know about one operation of the contract (from the generated map). */
export interface OperationDescriptor {
  operationId: string;
  method: string;
  path: string;
  /** Response body schemas by status code; null for a status without a body. */
  responses: Readonly<Record<string, z.ZodType | null | undefined>>;
  /** Sent without credentials (token issuance, health, receipt keys). */
  anonymous: boolean;
  /** The contract requires an Idempotency-Key header. */
  idempotencyKey: boolean;
  /** A POST that changes nothing when repeated (token issuance), so it is retried like a GET. */
  repeatable?: boolean;
}

/** Per-call options every client method accepts. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout (ms); overrides the client's. */
  timeout?: number;
  retry?: RetryOptions | number | false;
  /** Sent as X-Request-Id; one is generated when absent. */
  requestId?: string;
  headers?: Record<string, string>;
  /** Overrides the client's `validateResponses` for this call. */
  validateResponse?: boolean;
}

export interface CallInput {
  path?: Record<string, string | number>;
  query?: object;
  /** JSON body; or a URLSearchParams for form-encoded bodies. */
  body?: unknown;
  /** The JSON body already serialised (text or UTF-8 bytes); sent instead of serialising `body` again. */
  rawBody?: string | Uint8Array;
  /** Contract headers (If-Match, If-None-Match, Idempotency-Key...). */
  headers?: Record<string, string | undefined>;
}

export interface CallResult {
  status: number;
  data: unknown;
  headers: Headers;
  requestId: string;
  etag: string | undefined;
  /** The Idempotency-Key the call carried (generated or the caller's). */
  idempotencyKey: string | undefined;
}

export interface RequestEvent {
  operationId: string;
  method: string;
  /** Redacted: no credential-named query values, no known secret. Headers and bodies are never exposed. */
  url: string;
  requestId: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface TransportOptions {
  baseUrl: string;
  timeout: number;
  retry: RetryOptions | number | false | undefined;
  validateResponses: boolean;
  fetch: typeof globalThis.fetch | undefined;
  headers: Record<string, string> | undefined;
  onRequest: ((event: RequestEvent) => void) | undefined;
}

export type Transport = (
  operation: OperationDescriptor,
  input: CallInput,
  options: RequestOptions | undefined,
) => Promise<CallResult>;

export function createTransport(options: TransportOptions, getAuthenticator: () => Authenticator): Transport {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  // A gateway may mount the exchange under a path (https://gw/exchange); the signature covers the
  // path as sent, prefix included.
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
  const clientPolicy = toRetryPolicy(options.retry);

  return async function send(operation, input, callOptions = {}) {
    checkRequestOptions(callOptions, { operationId: operation.operationId });
    const pathWithQuery = fillPath(operation.path, input.path) + toQueryString(input.query);
    // A custom token URL arrives as an absolute path; everything else hangs off the base URL.
    const url = /^https?:\/\//i.test(pathWithQuery)
      ? pathWithQuery
      : joinBaseUrl(options.baseUrl, pathWithQuery);
    const method = operation.method.toUpperCase();
    const requestId = callOptions.requestId ?? globalThis.crypto.randomUUID();
    const context: ExchangeErrorContext = {
      operationId: operation.operationId,
      method,
      url: redactUrl(url, getAuthenticator().secrets()),
      requestId,
    };

    let body: string | Uint8Array | undefined;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (input.body instanceof URLSearchParams) {
      body = input.body.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (input.rawBody !== undefined) {
      body = input.rawBody;
      headers['content-type'] = 'application/json';
    } else if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      headers['content-type'] = 'application/json';
    }
    if (options.headers) Object.assign(headers, options.headers);
    if (input.headers) {
      for (const name in input.headers) {
        const value = input.headers[name];
        if (value !== undefined) headers[name] = value;
      }
    }
    if (callOptions.headers) Object.assign(headers, callOptions.headers);
    headers['x-request-id'] = requestId;

    // One key per call, reused by every attempt: that is what makes a retried POST safe.
    let idempotencyKey = findHeader(headers, 'idempotency-key');
    if (idempotencyKey === undefined && operation.idempotencyKey) {
      idempotencyKey = globalThis.crypto.randomUUID();
      headers['Idempotency-Key'] = idempotencyKey;
    }
    const retriable = method !== 'POST' || idempotencyKey !== undefined || operation.repeatable === true;
    const policy = callOptions.retry === undefined ? clientPolicy : toRetryPolicy(callOptions.retry);
    const retryLimit = retriable ? policy.limit : 0;

    const auth = operation.anonymous ? undefined : getAuthenticator();
    const signable = { method, pathWithQuery: basePath + pathWithQuery, body };
    const timeout = callOptions.timeout ?? options.timeout;
    const signal = callOptions.signal;
    const validate = callOptions.validateResponse ?? options.validateResponses;

    let retries = 0;
    let refreshedToken = false;
    for (let attempts = 1; ; attempts += 1) {
      // Credentials are applied per attempt: a signature's nonce is single-use and a token may
      // have been refreshed while this call waited.
      const token = auth
        ? await untilAborted(auth.apply(headers, signable), signal, { ...context, attempts })
        : undefined;
      options.onRequest?.({
        operationId: operation.operationId,
        method,
        url: context.url ?? url,
        requestId,
        attempt: attempts,
      });
      const failureContext = { ...context, attempts };
      let outcome: AttemptResult;
      try {
        // Bytes are sent as they are; the DOM typing wants an ArrayBuffer-backed view, which a Buffer is.
        const init = { method, headers, body: body as BodyInit | undefined };
        outcome = await attempt(fetchFn, url, init, timeout, signal);
      } catch (thrown) {
        const failure = thrown as AttemptFailure;
        if (failure.kind === 'aborted')
          throw new ExchangeAbortError(failureContext, { cause: signal?.reason });
        const retryable = failure.kind === 'network' || policy.retryOnTimeout;
        if (retryable && retries < retryLimit) {
          retries += 1;
          await pause(backoffDelay(policy, retries), signal, failureContext);
          continue;
        }
        if (failure.kind === 'timeout') throw new ExchangeTimeoutError(timeout, failureContext);
        const secrets = getAuthenticator().secrets();
        throw new ExchangeNetworkError(lowLevelReason(failure.cause, secrets), failureContext, {
          cause: sanitizedCause(failure.cause, secrets),
        });
      }

      const { response, text } = outcome;
      if (response.ok || response.status === 304) {
        return readSuccess(operation, response, text, requestId, idempotencyKey, failureContext, validate);
      }

      if (retries < retryLimit && policy.statusCodes.has(response.status)) {
        const asked = parseRetryAfter(response.headers.get('retry-after'));
        // A server asking for a longer pause than the caller accepts gets no retry: the error
        // surfaces now rather than the call hanging for minutes.
        if (asked === undefined || asked <= policy.maxRetryAfter) {
          retries += 1;
          await pause(asked ?? backoffDelay(policy, retries), signal, failureContext);
          continue;
        }
      }

      const error = toHttpError(response, text, failureContext, getAuthenticator().secrets());
      // A refused token (expired early, revoked, server restarted) is dropped and the call is made
      // once more with a fresh one; a second refusal is the caller's to see.
      if (
        token !== undefined &&
        auth &&
        !refreshedToken &&
        error.status === 401 &&
        error.code === 'auth.invalid_token'
      ) {
        auth.refuse(token);
        refreshedToken = true;
        continue;
      }
      throw error;
    }
  };
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return value;
  }
  return undefined;
}
