import { describeCall, ExchangeError, type ExchangeErrorContext } from './ExchangeError';

/**
 * The connection failed before a complete response arrived (refused, reset, DNS...).
 * `reason` is the low-level code when the runtime reports one (e.g. `ECONNRESET`).
 */
export class ExchangeNetworkError extends ExchangeError {
  override name = 'ExchangeNetworkError';
  readonly reason: string | undefined;

  constructor(reason: string | undefined, context: ExchangeErrorContext, options?: { cause?: unknown }) {
    const why = reason ? `: ${reason}` : '';
    super(
      'request.network',
      `Network error${why} (网络错误，未收到完整响应${why})${describeCall(context)}`,
      context,
      options,
    );
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
