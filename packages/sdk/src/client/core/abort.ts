import { ExchangeAbortError } from '../errors/ExchangeAbortError';
import type { ExchangeErrorContext } from '../errors/ExchangeError';

/** Stops waiting (for a token, say) when the caller aborts; the shared work itself carries on. */
export function untilAborted<T>(
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
