/**
 * What every error thrown by the exchange client shares. `code` is stable and machine-readable;
 * `message` carries English and Chinese. No field ever holds a credential, token, signature or
 * Authorization header: errors end up in logs, so they are built from an allow-list of facts.
 */
export interface ExchangeErrorContext {
  operationId?: string | undefined;
  method?: string | undefined;
  /** The request URL, redacted: credential-named query values and known secrets are cut out (core/redact.ts). */
  url?: string | undefined;
  requestId?: string | undefined;
  /** 1 for the first attempt; retries count up. */
  attempts?: number | undefined;
}

export class ExchangeError extends Error {
  override name = 'ExchangeError';
  readonly code: string;
  readonly operationId: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number | undefined;

  constructor(
    code: string,
    message: string,
    context: ExchangeErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.operationId = context.operationId;
    this.method = context.method;
    this.url = context.url;
    this.requestId = context.requestId;
    this.attempts = context.attempts;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      operationId: this.operationId,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      attempts: this.attempts,
    };
  }
}

export function describeCall(context: ExchangeErrorContext): string {
  const parts: string[] = [];
  if (context.method && context.url) parts.push(`${context.method} ${context.url}`);
  else if (context.operationId) parts.push(context.operationId);
  if (context.requestId) parts.push(`requestId=${context.requestId}`);
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}
