import { redactionMarker, redactText } from './redact';

/** A low-level message fit for an error: fetch quotes a refused header value, whatever it is. */
function quietMessage(message: string, secrets: readonly string[]): string {
  return redactText(message.replace(/"[^"]*"/g, `"${redactionMarker}"`), secrets);
}

/** The low-level code of a network failure (`ECONNRESET`, `UND_ERR_SOCKET`...), or its message, redacted. */
export function lowLevelReason(cause: unknown, secrets: readonly string[]): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return redactText(code, secrets);
    if (!(current.cause instanceof Error)) return quietMessage(current.message, secrets);
    current = current.cause;
  }
  return undefined;
}

/**
 * A plain Error with the low-level message and code only: no Request, headers or bodies attached.
 * Messages are redacted: fetch's own TypeErrors quote the header value they refused.
 */
export function sanitizedCause(cause: unknown, secrets: readonly string[]): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const copy = new Error(quietMessage(cause.message, secrets));
  copy.name = cause.name;
  const reason = lowLevelReason(cause, secrets);
  if (reason) (copy as Error & { code?: string }).code = reason;
  return copy;
}
