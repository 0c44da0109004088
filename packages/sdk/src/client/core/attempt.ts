/** How one attempt ended when no response was read. */
export type AttemptFailure = { kind: 'timeout' } | { kind: 'aborted' } | { kind: 'network'; cause: unknown };

export interface AttemptResult {
  response: Response;
  text: string;
}

/**
 * One attempt: a fetch with its own timer covering the response headers AND the body, tied to the
 * caller's signal. Resolves with the whole body read, or rejects with an AttemptFailure.
 */
export async function attempt(
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
