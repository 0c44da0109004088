/** A records export or change-follow failure the user can act on: a stable code, English and Chinese text. */
export class ConsumeError extends Error {
  override readonly name = 'ConsumeError';
  constructor(
    readonly code: string,
    message: string,
    readonly zh: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
