/** A source that cannot be read as asked: a stable code, an English message and its Chinese twin. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    /**
     * `source/wrong-format`, `source/undecodable`, `source/no-sheet`, `keyset/options`, `keyset/null-key`,
     * `keyset/not-after` or `keyset/key-not-unique`.
     */
    readonly code: string,
    message: string,
    readonly zh: string,
  ) {
    super(message);
  }
}
