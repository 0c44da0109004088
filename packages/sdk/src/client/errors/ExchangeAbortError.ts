import { describeCall, ExchangeError, type ExchangeErrorContext } from './ExchangeError';

/** The caller's AbortSignal fired. The signal's reason is kept as `cause`. */
export class ExchangeAbortError extends ExchangeError {
  override name = 'ExchangeAbortError';

  constructor(context: ExchangeErrorContext, options?: { cause?: unknown }) {
    super(
      'request.aborted',
      `Request aborted by the caller (请求已被调用方取消)${describeCall(context)}`,
      context,
      options,
    );
  }
}
