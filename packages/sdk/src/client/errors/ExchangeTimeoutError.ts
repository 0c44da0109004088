import { describeCall, ExchangeError, type ExchangeErrorContext } from './ExchangeError';

/** No response arrived within the per-attempt timeout (after any retries). */
export class ExchangeTimeoutError extends ExchangeError {
  override name = 'ExchangeTimeoutError';
  readonly timeout: number;

  constructor(timeout: number, context: ExchangeErrorContext) {
    super(
      'request.timeout',
      `Request timed out after ${timeout} ms (请求超时：${timeout} 毫秒内未收到响应)${describeCall(context)}`,
      context,
    );
    this.timeout = timeout;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeout: this.timeout };
  }
}
