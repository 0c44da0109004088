/** The low-level code of a network failure (`ECONNRESET`, `UND_ERR_SOCKET`...), or its message. */
export function lowLevelReason(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (!(current.cause instanceof Error)) return current.message;
    current = current.cause;
  }
  return undefined;
}

/** A plain Error with the low-level message and code only: no Request, headers or bodies attached. */
export function sanitizedCause(cause: unknown): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const copy = new Error(cause.message);
  copy.name = cause.name;
  const reason = lowLevelReason(cause);
  if (reason) (copy as Error & { code?: string }).code = reason;
  return copy;
}
