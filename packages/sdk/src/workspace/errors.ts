/** What could not be read: a path given that does not exist, a folder, or a file. */
export type WorkspaceReadProblem = 'missing' | 'directory' | 'file';

/** A catalogue folder could not be read; `path` is as given (missing) or absolute (directory, file). */
export class WorkspaceReadError extends Error {
  override readonly name = 'WorkspaceReadError';

  constructor(
    readonly problem: WorkspaceReadProblem,
    readonly path: string,
    /** The system's reason (ENOENT, EACCES…), empty for a missing path. */
    readonly reason = '',
  ) {
    super(
      problem === 'missing'
        ? `no such file or directory: ${path}`
        : `cannot read ${problem === 'directory' ? 'directory ' : ''}${path}: ${reason}`,
    );
  }
}
