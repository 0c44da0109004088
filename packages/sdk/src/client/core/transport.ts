import type { Hooks as KyHooks } from 'ky';
import type { z } from 'zod';
import { ExchangeHttpError } from '../errors/ExchangeHttpError';
import { checkRequestOptions } from '../options';
import type { Authenticator } from './auth';
import { type CallState, prepareCall } from './call';
import { failureOf } from './failure';
import { createKyClient, type KyCall } from './ky-client';
import { bodyOf } from './ky-fetch';
import { readSuccess } from './response';
import type { RetryOptions } from './retry';

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
  /** Attempts the call made, the answered one included: 1 when no retry was needed. */
  attempts: number;
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
  hooks: KyHooks | undefined;
}

export type Transport = (
  operation: OperationDescriptor,
  input: CallInput,
  options: RequestOptions | undefined,
) => Promise<CallResult>;

/**
 * The client's transport: ky, with the client's hooks (Idempotency-Key, credentials), ky's retry in
 * the call's profile, and ky's errors turned into the client's typed errors.
 */
export function createTransport(options: TransportOptions, getAuthenticator: () => Authenticator): Transport {
  const kyClient = createKyClient(options);
  const defaults = {
    baseUrl: options.baseUrl,
    basePath: new URL(options.baseUrl).pathname.replace(/\/+$/, ''),
    headers: options.headers,
    onRequest: options.onRequest,
  };

  /** One ky call (its attempts and retries included); its outcome read, or its failure typed. */
  async function exchange(call: CallState, kyCall: KyCall, validate: boolean): Promise<CallResult> {
    let response: Response;
    try {
      response = await kyCall.instance(call.url, kyCall.options);
    } catch (thrown) {
      throw await failureOf(thrown, call, kyCall.timeout);
    }
    return readSuccess(call, response, await bodyOf(response), validate);
  }

  return async function send(operation, input, givenOptions) {
    // Checked only when given: the check costs a tenth of a small GET.
    checkRequestOptions(givenOptions, { operationId: operation.operationId });
    const callOptions = givenOptions ?? {};
    const prepared = prepareCall(operation, input, callOptions, defaults, getAuthenticator);
    const call = prepared.state;
    const kyCall = kyClient.callFor(prepared, callOptions);
    const validate = callOptions.validateResponse ?? options.validateResponses;
    try {
      return await exchange(call, kyCall, validate);
    } catch (error) {
      if (!tokenRefused(error, call)) throw error;
      // A refused token (expired early, revoked, server restarted) is dropped and the call made once more
      // with a fresh one: a new credential rather than a retry, so even a call without retries gets it.
      // It may use the retries the first attempts left; a second refusal is the caller's to see.
      call.auth?.refuse(call.token as string);
      const retriesLeft = Math.max(0, (kyCall.retry.limit ?? 0) - (call.attempts - 1));
      return exchange(call, kyClient.again(kyCall, retriesLeft), validate);
    }
  };
}

function tokenRefused(error: unknown, call: CallState): boolean {
  return (
    call.token !== undefined &&
    error instanceof ExchangeHttpError &&
    error.status === 401 &&
    error.code === 'auth.invalid_token'
  );
}
