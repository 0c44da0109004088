import type { MappingDiagnostic } from '../mapping/types';

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

/** A mapping that cannot be used (`sync.mapping_invalid`): its diagnostics say what is wrong, and where. */
export class SyncMappingError extends SyncError {
  constructor(
    readonly diagnostics: readonly MappingDiagnostic[],
    message: string,
    zh: string,
  ) {
    super('sync.mapping_invalid', message, zh);
  }
}
