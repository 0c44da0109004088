/** A sync failure the user can act on: a stable code, an English message and its Chinese twin. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: string,
    message: string,
    readonly zh: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
