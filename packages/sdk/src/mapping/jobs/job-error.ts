import type { MappingDiagnostic } from '../types';

/**
 * Why a mapping job stopped: `io` (the input cannot be read, an output cannot be written),
 * `source/wrong-format`, `source/undecodable`, `source/no-sheet` (the pre-flight refused the input), or
 * `mapping/unknown-column` (the input lacks columns the mapping reads; `diagnostics` says which), or
 * `duplicates/needs-prescan` (`duplicates: 'last'` on an input that cannot be read twice).
 * The message names the file; hosts show it as they show their own errors.
 */
export class MappingJobError extends Error {
  override readonly name = 'MappingJobError';
  constructor(
    readonly code:
      | 'io'
      | 'mapping/unknown-column'
      | 'source/wrong-format'
      | 'source/undecodable'
      | 'source/no-sheet'
      | 'duplicates/needs-prescan',
    message: string,
    readonly diagnostics: readonly MappingDiagnostic[] = [],
  ) {
    super(message);
  }
}
