import type { ProblemDetails } from '../operations';
import { describeCall, ExchangeError, type ExchangeErrorContext } from './ExchangeError';

/**
 * The exchange answered with a non-2xx status. `problem` holds the RFC 9457 problem details the
 * server sent (or a minimal one built from the status when the body was not a problem document);
 * `code` is the problem's stable code (e.g. `catalog.lint_failed`), or `http.<status>`.
 */
export class ExchangeHttpError extends ExchangeError {
  override name = 'ExchangeHttpError';
  readonly status: number;
  readonly problem: ProblemDetails;
  /** How long the server asked the caller to wait (its Retry-After header, in ms), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, problem: ProblemDetails, context: ExchangeErrorContext, retryAfterMs?: number) {
    // Only string members are printed: a server may send anything, and printing an object whose
    // toString is not a function throws a TypeError instead of this error.
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const english =
      [text(problem.title), text(problem.detail)].filter(Boolean).join(': ') || `HTTP ${status}`;
    const hint = text(problem.hint);
    const zh = text(problem.zh);
    const chinese = zh ? ` (${zh})` : ` (请求失败，HTTP 状态 ${status})`;
    super(
      typeof problem.code === 'string' && problem.code !== '' ? problem.code : `http.${status}`,
      `${english}${chinese}${hint ? `. ${hint}` : ''}${describeCall(context)}`,
      context,
    );
    this.status = status;
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      problem: this.problem,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}
