import type { Diagnostic } from '../catalog/types';

/** A publish failure with a stable code and messages in English and Chinese. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    readonly code: string,
    message: string,
    readonly zh: string,
    readonly diagnostics: Diagnostic[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
