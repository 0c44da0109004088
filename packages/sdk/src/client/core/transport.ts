import type { KyInstance, Options as KyOptions } from 'ky';
import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { ExchangeAbortError } from '../errors/ExchangeAbortError';
import type { ExchangeErrorContext } from '../errors/ExchangeError';
import { ExchangeHttpError } from '../errors/ExchangeHttpError';
import { ExchangeNetworkError } from '../errors/ExchangeNetworkError';
import { ExchangeTimeoutError } from '../errors/ExchangeTimeoutError';
import { ExchangeValidationError, type ResponseIssue } from '../errors/ExchangeValidationError';
import type { ProblemDetails } from '../operations';
import type { Authenticator } from './auth';
import { type RetryOptions, toKyRetry } from './retry';
import { fillPath, joinBaseUrl, redactUrl, toQueryString } from './url';

/** What the client needs to know about one operation of the contract (from the generated map). */
export interface OperationDescriptor {
  operationId: string;
  method: string;
  path: string;
  /** Response body schemas by status code ("default" allowed). */
  responses: Record<string, ResponseSchema | undefined>;
  /** Sent without credentials (token issuance, health, receipt keys). */
  anonymous: boolean;
  /** The contract requires an Idempotency-Key header. */
  idempotencyKey: boolean;
}

export interface ResponseSchema {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: unknown }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }> };
      };
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

/** State of one call shared with the retry hook through ky's `context`. */
interface CallState {
  attempts: number;
  response: Response | undefined;
  prepareRetry(request: Request): Promise<void>;
}

const callKey = 'unsiloCall';

export type Transport = (
  operation: OperationDescriptor,
  input: CallInput,
  options: RequestOptions | undefined,
) => Promise<CallResult>;

export function createTransport(options: TransportOptions, getAuthenticator: () => Authenticator): Transport {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const api: KyInstance = ky.create({
    timeout: options.timeout,
    retry: toKyRetry(options.retry),
    // 304 answers a conditional GET; it is a result, not an error.
    throwHttpErrors: (status) => status !== 304,
    hooks: {
      beforeRetry: [
        async ({ request, options: kyOptions }) => {
          await (kyOptions.context[callKey] as CallState).prepareRetry(request);
        },
      ],
    },
  });

  return async function send(operation, input, callOptions = {}) {
    const pathWithQuery = fillPath(operation.path, input.path) + toQueryString(input.query);
    const url = joinBaseUrl(options.baseUrl, pathWithQuery);
    const method = operation.method.toUpperCase();
    const requestId = callOptions.requestId ?? globalThis.crypto.randomUUID();
    const context: ExchangeErrorContext = {
      operationId: operation.operationId,
      method,
      url: redactUrl(url),
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
    for (const [name, value] of Object.entries(input.headers ?? {})) {
      if (value !== undefined) headers[name] = value;
    }
    if (callOptions.headers) Object.assign(headers, callOptions.headers);
    headers['x-request-id'] = requestId;

    // One key per call, reused by every attempt: that is what makes a retried POST safe.
    let idempotencyKey = findHeader(headers, 'idempotency-key');
    if (idempotencyKey === undefined && operation.idempotencyKey) {
      idempotencyKey = globalThis.crypto.randomUUID();
      headers['Idempotency-Key'] = idempotencyKey;
    }
    const retriable = method !== 'POST' || idempotencyKey !== undefined;

    const auth = operation.anonymous ? undefined : getAuthenticator();
    const signable = { method, pathWithQuery, body };
    const timeout = callOptions.timeout ?? options.timeout;
    const state: CallState = {
      attempts: 0,
      response: undefined,
      async prepareRetry(request) {
        state.attempts += 1;
        if (auth) await auth.apply(request.headers, signable);
        options.onRequest?.({ ...eventBase, attempt: state.attempts });
      },
    };
    const eventBase = { operationId: operation.operationId, method, url: context.url ?? '', requestId };
    const kyOptions: KyOptions = {
      method,
      headers,
      body,
      timeout,
      signal: callOptions.signal,
      context: { [callKey]: state },
      fetch: async (request: Parameters<typeof baseFetch>[0], init?: RequestInit) => {
        const response = await baseFetch(request, init);
        state.response = response;
        return response;
      },
      ...(retriable
        ? callOptions.retry === undefined
          ? {}
          : { retry: toKyRetry(callOptions.retry) }
        : { retry: { limit: 0 } }),
    };

    let refreshedToken = false;
    for (;;) {
      state.attempts += 1;
      const token = auth ? await auth.apply(headers, signable) : undefined;
      options.onRequest?.({ ...eventBase, attempt: state.attempts });
      try {
        const text = await api(url, kyOptions).text();
        const response = state.response as Response;
        return finish(operation, response, text, requestId, idempotencyKey, context, state.attempts, {
          validate: callOptions.validateResponse ?? options.validateResponses,
        });
      } catch (error) {
        const mapped = toExchangeError(
          error,
          { ...context, attempts: state.attempts },
          timeout,
          callOptions.signal,
        );
        // A refused token (expired early, revoked, server restarted) is dropped and the call is made
        // once more with a fresh one; a second refusal is the caller's to see.
        if (
          token !== undefined &&
          auth !== undefined &&
          !refreshedToken &&
          mapped instanceof ExchangeHttpError &&
          mapped.status === 401 &&
          mapped.code === 'auth.invalid_token'
        ) {
          auth.refuse(token);
          refreshedToken = true;
          continue;
        }
        throw mapped;
      }
    }
  };
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
  attempts: number,
  { validate }: { validate: boolean },
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
        { ...context, requestId, attempts },
      );
    }
  }
  if (validate && response.status !== 304) {
    const schema = operation.responses[String(response.status)] ?? operation.responses.default;
    if (schema) {
      const result = schema.safeParse(data);
      if (!result.success) {
        throw new ExchangeValidationError(response.status, result.error.issues.map(toIssue), {
          ...context,
          requestId,
          attempts,
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

function toIssue(issue: { path: PropertyKey[]; code: string; message: string }): ResponseIssue {
  return { path: issue.path.map(String).join('.'), code: issue.code, message: issue.message };
}

/** Turns whatever ky or fetch threw into one of the client's errors, keeping no request internals. */
function toExchangeError(
  error: unknown,
  context: ExchangeErrorContext,
  timeout: number,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted) return new ExchangeAbortError(context, { cause: signal.reason });
  if (isHTTPError(error)) {
    const response = error.response;
    const problem = asProblem(error.data, response);
    const requestId =
      response.headers.get('x-request-id') ??
      (typeof problem.requestId === 'string' ? problem.requestId : undefined) ??
      context.requestId;
    return new ExchangeHttpError(response.status, problem, { ...context, requestId });
  }
  if (isTimeoutError(error)) return new ExchangeTimeoutError(timeout, context);
  if (isNetworkError(error)) {
    return new ExchangeNetworkError(lowLevelReason(error.cause), context, {
      cause: sanitizedCause(error.cause),
    });
  }
  // The body stream broke after the headers arrived ("terminated" in undici).
  if (error instanceof TypeError && (error.message === 'terminated' || error.message === 'fetch failed')) {
    return new ExchangeNetworkError(lowLevelReason(error), context, { cause: sanitizedCause(error) });
  }
  return error;
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
