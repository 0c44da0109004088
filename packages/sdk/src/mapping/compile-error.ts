/**
 * Why part of a mapping cannot be compiled, in both languages. Compile helpers throw it; the compiler turns it
 * into a diagnostic at the path of the part (`diagnosticFromError`). Structured, so that user text quoted in
 * the message (a pattern, a format, a code set name) is never taken apart.
 */
export class MappingCompileError extends Error {
  override readonly name = 'MappingCompileError';
  constructor(
    /** Stable rule id, e.g. `mapping/bad-transform`. */
    readonly code: string,
    readonly en: string,
    readonly zh: string,
  ) {
    super(en);
  }
}
