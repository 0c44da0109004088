import ky, { type KyInstance, type Options as KyOptions, type RetryOptions as KyRetryOptions } from 'ky';
import type { PreparedCall } from './call';
import { clientHooks } from './hooks';
import { kyFetch } from './ky-fetch';
import { toKyRetry } from './retry';
import type { RequestOptions, TransportOptions } from './transport';

/** One ky call: the instance (with or without the client's retry), the call's own options, its timeout. */
export interface KyCall {
  instance: KyInstance;
  options: KyOptions;
  timeout: number;
  retry: KyRetryOptions;
}

/** The client's ky: what each call sends through it. */
export interface KyClient {
  callFor(prepared: PreparedCall, callOptions: RequestOptions): KyCall;
  /** The same call once more, with `retries` left (after a refused token). */
  again(kyCall: KyCall, retries: number): KyCall;
}

/** The client's ky instances: its fetch, its hooks around the caller's, its retry profile and timeout. */
export function createKyClient(
  options: Pick<TransportOptions, 'fetch' | 'hooks' | 'retry' | 'timeout'>,
): KyClient {
  // Without hooks of the caller's to show it to, a body travels beside ky's Request rather than in it:
  // building a Request around a 1,000-record batch costs a tenth of the batch (see ky-fetch.ts).
  const bodyInRequest = Object.values(options.hooks ?? {}).some((list) => (list?.length ?? 0) > 0);
  const api = ky.create({
    fetch: kyFetch(
      options.fetch ?? globalThis.fetch.bind(globalThis),
      (options.hooks?.afterResponse?.length ?? 0) > 0,
    ),
    hooks: clientHooks(options.hooks),
    // "Not Modified" answers a conditional read: it is no error.
    throwHttpErrors: (status) => status !== 304,
  });
  // Ky merges an instance's options into each call's: the client's retry and timeout are merged once
  // here, which saves a tenth of a small GET. A call's own retry goes with the call to the bare
  // instance, as merging would join its status lists to the client's.
  const clientRetry = toKyRetry(options.retry);
  const timeout = options.timeout;
  const withClientRetry = {
    repeatable: api.extend({ retry: clientRetry.repeatable, timeout }),
    anyMethod: api.extend({ retry: clientRetry.anyMethod, timeout }),
  };

  function callFor(prepared: PreparedCall, callOptions: RequestOptions): KyCall {
    const kind = prepared.repeatablePost ? 'anyMethod' : 'repeatable';
    const kyOptions: KyOptions = {
      method: prepared.method,
      headers: prepared.headers,
      context: { call: prepared.state },
    };
    // Bytes are sent as they are; the DOM typing wants an ArrayBuffer-backed view, which a Buffer is.
    if (prepared.body !== undefined && bodyInRequest) kyOptions.body = prepared.body as BodyInit;
    if (callOptions.signal) kyOptions.signal = callOptions.signal;
    const callTimeout = callOptions.timeout ?? timeout;
    if (callOptions.timeout !== undefined) kyOptions.timeout = callTimeout;
    if (callOptions.retry === undefined) {
      const retry = clientRetry[kind];
      return { instance: withClientRetry[kind], options: kyOptions, timeout: callTimeout, retry };
    }
    const retry = toKyRetry(callOptions.retry)[kind];
    return {
      instance: api,
      options: { ...kyOptions, retry, timeout: callTimeout },
      timeout: callTimeout,
      retry,
    };
  }

  function again(kyCall: KyCall, retries: number): KyCall {
    const retry = { ...kyCall.retry, limit: retries };
    return {
      ...kyCall,
      instance: api,
      options: { ...kyCall.options, retry, timeout: kyCall.timeout },
      retry,
    };
  }

  return { callFor, again };
}
