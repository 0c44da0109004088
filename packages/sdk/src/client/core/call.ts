import type { ExchangeErrorContext } from '../errors/ExchangeError';
import type { Authenticator, SignableRequest } from './auth';
import { redactUrl } from './redact';
import type { CallInput, OperationDescriptor, RequestEvent, RequestOptions } from './transport';
import { fillPath, joinBaseUrl, toQueryString } from './url';

/**
 * One call of an operation as it travels through ky: the same object for every attempt (ky's
 * `context` option carries it to the hooks), so that the hooks can count attempts, reuse the call's
 * Idempotency-Key and sign what is sent.
 */
export interface CallState {
  operation: OperationDescriptor;
  method: string;
  requestId: string;
  /** The URL as built; a user's hook may send another. */
  url: string;
  /** The URL as errors and events show it (see `errorContext`); redacted only when needed. */
  redactedUrl: string | undefined;
  /** The credentials to cut out of whatever the call reports. */
  secrets: () => readonly string[];
  /** What an HMAC signature covers: method, path as sent (a gateway's prefix included), body bytes. */
  signable: SignableRequest;
  /** Undefined for the anonymous operations. */
  auth: Authenticator | undefined;
  signal: AbortSignal | undefined;
  /** The caller's key, or the one generated for an operation that requires a key; reused by every attempt. */
  idempotencyKey: string | undefined;
  /** Attempts so far, the one being sent included. */
  attempts: number;
  /** The bearer token the latest attempt carried, so that a refused one can be dropped. */
  token: string | undefined;
  onRequest: ((event: RequestEvent) => void) | undefined;
}

export interface PreparedCall {
  state: CallState;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** A POST that may be repeated: it carries an Idempotency-Key, or changes nothing when repeated. */
  repeatablePost: boolean;
}

/** What the client adds to every call. */
export interface CallDefaults {
  baseUrl: string;
  /** The base URL's path (`/exchange` behind a gateway): the signature covers the path as sent. */
  basePath: string;
  headers: Record<string, string> | undefined;
  onRequest: ((event: RequestEvent) => void) | undefined;
}

/** The URL, headers and body of a call, and the state its attempts share. */
export function prepareCall(
  operation: OperationDescriptor,
  input: CallInput,
  options: RequestOptions,
  defaults: CallDefaults,
  auth: () => Authenticator,
): PreparedCall {
  const pathWithQuery = fillPath(operation.path, input.path) + toQueryString(input.query);
  // A custom token URL arrives as an absolute URL; everything else hangs off the base URL.
  const url = /^https?:\/\//i.test(pathWithQuery)
    ? pathWithQuery
    : joinBaseUrl(defaults.baseUrl, pathWithQuery);
  const method = operation.method.toUpperCase();
  const requestId = options.requestId ?? globalThis.crypto.randomUUID();
  const { headers, body } = headersAndBody(input, options, defaults.headers);
  headers['x-request-id'] = requestId;
  const callerKey = findHeader(headers, 'idempotency-key');
  const state: CallState = {
    operation,
    method,
    requestId,
    url,
    redactedUrl: undefined,
    secrets: () => auth().secrets(),
    signable: { method, pathWithQuery: defaults.basePath + pathWithQuery, body },
    auth: operation.anonymous ? undefined : auth(),
    signal: options.signal,
    idempotencyKey: callerKey,
    attempts: 0,
    token: undefined,
    onRequest: defaults.onRequest,
  };
  const repeatablePost = callerKey !== undefined || operation.idempotencyKey || operation.repeatable === true;
  return { state, method, headers, body, repeatablePost };
}

/** What errors and events may show of a call: operation, method, redacted URL, request id, attempts. */
export function errorContext(call: CallState): ExchangeErrorContext {
  call.redactedUrl ??= redactUrl(call.url, call.secrets());
  return {
    operationId: call.operation.operationId,
    method: call.method,
    url: call.redactedUrl,
    requestId: call.requestId,
    attempts: call.attempts,
  };
}

function headersAndBody(
  input: CallInput,
  options: RequestOptions,
  clientHeaders: Record<string, string> | undefined,
): { headers: Record<string, string>; body: string | Uint8Array | undefined } {
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
  if (clientHeaders) Object.assign(headers, clientHeaders);
  if (input.headers) {
    for (const name in input.headers) {
      const value = input.headers[name];
      if (value !== undefined) headers[name] = value;
    }
  }
  if (options.headers) Object.assign(headers, options.headers);
  return { headers, body };
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return value;
  }
  return undefined;
}
