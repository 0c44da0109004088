import { readFileSync } from 'node:fs';
import { type ConfigProblem, parseConfig } from '../catalog/config';
import type { LintConfig } from '../catalog/types';
import { WorkspaceReadError } from './errors';

export interface LintConfigFile {
  fsPath: string;
  text: string;
  config: LintConfig;
  /** Unknown rule ids, bad severities, malformed YAML: the config keeps what is valid. */
  problems: ConfigProblem[];
}

/** Reads the `lint:` section of a config file; undefined when there is no such file. */
export function readLintConfig(
  fsPath: string,
  options: { skipUnreadable?: boolean } = {},
): LintConfigFile | undefined {
  let text: string;
  try {
    text = readFileSync(fsPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || options.skipUnreadable) return undefined;
    throw new WorkspaceReadError('file', fsPath, (error as Error).message);
  }
  return { fsPath, text, ...parseConfig(text) };
}
