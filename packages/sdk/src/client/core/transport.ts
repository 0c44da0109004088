import type { z } from 'zod';
import { ExchangeAbortError } from '../errors/ExchangeAbortError';
import type { ExchangeErrorContext } from '../errors/ExchangeError';
import { ExchangeHttpError } from '../errors/ExchangeHttpError';
import { ExchangeNetworkError } from '../errors/ExchangeNetworkError';
import { ExchangeTimeoutError } from '../errors/ExchangeTimeoutError';
import { ExchangeValidationError, type ResponseIssue } from '../errors/ExchangeValidationError';
import type { ProblemDetails } from '../operations';
import type { Authenticator } from './auth';
import { backoffDelay, parseRetryAfter, type RetryOptions, sleep, toRetryPolicy } from './retry';
import { fillPath, joinBaseUrl, redactUrl, toQueryString } from './url';

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
  /** Redacted: no secret-looking query values. Headers are never exposed. */
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

/** How one attempt ended when no response was read. */
type AttemptFailure = { kind: 'timeout' } | { kind: 'aborted' } | { kind: 'network'; cause: unknown };

interface AttemptResult {
  response: Response;
  text: string;
}

/**
 * One attempt: a fetch with its own timer covering the response headers AND the body, tied to the
 * caller's signal. Resolves with the whole body read, or rejects with an AttemptFailure.
 */
async function attempt(
  fetchFn: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
  if (signal?.aborted) throw { kind: 'aborted' } satisfies AttemptFailure;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    init.signal = controller.signal;
    const response = await fetchFn(url, init);
    return { response, text: await response.text() };
  } catch (error) {
    if (timedOut) throw { kind: 'timeout' } satisfies AttemptFailure;
    if (signal?.aborted) throw { kind: 'aborted' } satisfies AttemptFailure;
    throw { kind: 'network', cause: error } satisfies AttemptFailure;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

export function createTransport(options: TransportOptions, getAuthenticator: () => Authenticator): Transport {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  // A gateway may mount the exchange under a path (https://gw/exchange); the signature covers the
  // path as sent, prefix included.
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
  const clientPolicy = toRetryPolicy(options.retry);

  return async function send(operation, input, callOptions = {}) {
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
      url: url.includes('?') ? redactUrl(url) : url,
      requestId,
    };

    let body: string | undefined;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (input.body instanceof URLSearchParams) {
      body = input.body.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
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
        outcome = await attempt(fetchFn, url, { method, headers, body }, timeout, signal);
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
        throw new ExchangeNetworkError(lowLevelReason(failure.cause), failureContext, {
          cause: sanitizedCause(failure.cause),
        });
      }

      const { response, text } = outcome;
      if (response.ok || response.status === 304) {
        return finish(operation, response, text, requestId, idempotencyKey, failureContext, validate);
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

      const error = toHttpError(response, text, failureContext);
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

/** Stops waiting (for a token, say) when the caller aborts; the shared work itself carries on. */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  context: ExchangeErrorContext,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new ExchangeAbortError(context, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ExchangeAbortError(context, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function pause(
  ms: number,
  signal: AbortSignal | undefined,
  context: ExchangeErrorContext,
): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw new ExchangeAbortError(context, { cause: signal?.reason });
  }
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return value;
  }
  return undefined;
}

function finish(
  operation: OperationDescriptor,
  response: Response,
  text: string,
  sentRequestId: string,
  idempotencyKey: string | undefined,
  context: ExchangeErrorContext,
  validate: boolean,
): CallResult {
  const requestId = response.headers.get('x-request-id') ?? sentRequestId;
  let data: unknown;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ExchangeValidationError(
        response.status,
        [{ path: '', code: 'invalid_json', message: 'Response body is not JSON (响应体不是 JSON)' }],
        { ...context, requestId },
      );
    }
  }
  if (validate && response.status !== 304) {
    const schema = operation.responses[String(response.status)];
    if (schema) {
      const result = schema.safeParse(data);
      if (!result.success) {
        throw new ExchangeValidationError(response.status, result.error.issues.map(toIssue), {
          ...context,
          requestId,
        });
      }
      data = result.data;
    }
  }
  return {
    status: response.status,
    data,
    headers: response.headers,
    requestId,
    etag: response.headers.get('etag') ?? undefined,
    idempotencyKey,
  };
}

function toIssue(issue: z.core.$ZodIssue): ResponseIssue {
  return { path: issue.path.map(String).join('.'), code: issue.code, message: issue.message };
}

function toHttpError(response: Response, text: string, context: ExchangeErrorContext): ExchangeHttpError {
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
  return new ExchangeHttpError(response.status, problem, { ...context, requestId });
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

function lowLevelReason(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (!(current.cause instanceof Error)) return current.message;
    current = current.cause;
  }
  return undefined;
}

/** A plain Error with the low-level message and code only: no Request, headers or bodies attached. */
function sanitizedCause(cause: unknown): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const copy = new Error(cause.message);
  copy.name = cause.name;
  const reason = lowLevelReason(cause);
  if (reason) (copy as Error & { code?: string }).code = reason;
  return copy;
}
