import { describeCall, ExchangeError, type ExchangeErrorContext } from './ExchangeError';

export interface ResponseIssue {
  /** Where in the response body, e.g. `items.3.status`. */
  path: string;
  code: string;
  message: string;
}

/**
 * The response did not match the schema the contract declares for it. Raised only when response
 * validation is on; it means the server (or something in between) broke the contract.
 */
export class ExchangeValidationError extends ExchangeError {
  override name = 'ExchangeValidationError';
  readonly status: number;
  readonly issues: readonly ResponseIssue[];

  constructor(status: number, issues: readonly ResponseIssue[], context: ExchangeErrorContext) {
    const first = issues[0];
    const where = first ? `: ${first.path || '(root)'} ${first.message}` : '';
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(
      'response.invalid',
      `Response does not match the contract${where}${more} (响应不符合接口契约)${describeCall(context)}`,
      context,
    );
    this.status = status;
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, issues: this.issues };
  }
}
