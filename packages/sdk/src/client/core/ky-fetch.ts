import type { Options as KyOptions } from 'ky';
import { boundedText } from './bounded-body';

/**
 * Ky's `fetch` option: what the client's ky sends and reads differently from a bare `fetch`, and why.
 */

/** The connection failed before the whole answer arrived (refused, reset, dropped mid-body): worth a retry. */
export class NetworkFailure extends Error {
  override name = 'NetworkFailure';

  constructor(cause: unknown) {
    super('The connection failed before the whole answer arrived', { cause });
  }
}

/** The bodies read by `kyFetch`, by response. */
const bodies = new WeakMap<Response, string>();
/** Requests as the client built them (no hook replaced them), with the bytes of their body. */
const builtBodies = new WeakMap<Request, string | Uint8Array>();

// Statuses whose Response may not carry a body, not even an empty one.
const nullBodyStatuses = new Set([204, 205, 304]);

/**
 * Marks a request the client built, about to be sent, with its body: the text or bytes go to fetch
 * beside the request's URL and headers. Fetch given a Request proxies its body through a stream chunk
 * by chunk, on top of the copy ky tees off for retries, and a Request built around a 1,000-record
 * batch encodes it once more: together a fifth more CPU than a bare fetch. So when no hook of the
 * caller's may look at the request, ky's Request carries no body at all, and the bytes are added here,
 * on every attempt.
 */
export function sendAsBuilt(request: Request, body: string | Uint8Array | undefined): void {
  if (body !== undefined) builtBodies.set(request, body);
}

/**
 * Ky's `fetch`: the answer is read whole before ky sees it. Ky's timeout races this function, so the
 * timeout covers the body as well as the headers (a server stalling mid-body times out instead of
 * hanging), and a connection dropped mid-body fails the attempt inside ky, where its retry sees it.
 *
 * The response is handed on with its body read (`bodyOf` gives the text): building a fresh Response
 * costs a quarter of a small GET. Only `afterResponse` hooks, which ky gives a clone of the response,
 * need a body still unread: `rebuild` gives them one.
 */
export function kyFetch(fetchFn: typeof globalThis.fetch, rebuild: boolean): NonNullable<KyOptions['fetch']> {
  return async (input, init) => {
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(...asSent(input, init));
      // An error answer is read up to a limit: it becomes an error message, never data.
      text = response.ok ? await response.text() : await boundedText(response);
    } catch (cause) {
      // Ky's timeout or the caller's abort ended the attempt: not the network's failure.
      const signal = input instanceof Request ? input.signal : init?.signal;
      if (signal?.aborted) throw cause;
      throw new NetworkFailure(cause);
    }
    if (!rebuild) {
      bodies.set(response, text);
      return response;
    }
    return new Response(nullBodyStatuses.has(response.status) ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The arguments for fetch: a request the client built goes as its URL, headers and body bytes. */
function asSent(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Parameters<typeof fetch> {
  const body = input instanceof Request ? builtBodies.get(input) : undefined;
  if (body === undefined) return [input, init];
  const request = input as Request;
  // Bytes are sent as they are; the DOM typing wants an ArrayBuffer-backed view, which a Buffer is.
  const sent: RequestInit = { method: request.method, headers: request.headers, body: body as BodyInit };
  return [request.url, { ...sent, signal: request.signal, redirect: request.redirect, ...init }];
}

/** The text of a response's body, read by `kyFetch` or now. */
export function bodyOf(response: Response): Promise<string> {
  const text = bodies.get(response);
  return text === undefined ? response.text() : Promise.resolve(text);
}
