import { readFileSync } from 'node:fs';
import { type ConfigProblem, parseConfig } from '../catalog/config';
import { parseConfigDocument } from '../catalog/config-document';
import { TextIndex } from '../catalog/text-position';
import type { LintConfig } from '../catalog/types';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../identifiers/calendar-date';
import { WorkspaceReadError } from './errors';
import { readGovernance } from './governance-file';

export interface LintConfigFile {
  fsPath: string;
  text: string;
  config: LintConfig;
  /** The city's IANA time zone (`timeZone:`): "today" is the local date there. Asia/Shanghai unless named. */
  timeZone: string;
  /** Unknown rule ids, bad severities, an unknown time zone, malformed YAML: the config keeps what is valid. */
  problems: ConfigProblem[];
}

/** Reads the `lint:` section and the `timeZone` of a config file; undefined when there is no such file. */
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
  const { config, problems } = parseConfig(text);
  const { timeZone, problem } = timeZoneOf(text);
  if (problem) problems.push(problem);
  // The systems registry (`systems:`, or the file it names): system/unknown checks entries against its ids.
  const registry = readGovernance(fsPath, { sections: ['systems'] });
  if (registry.governance.systems) config.systems = registry.governance.systems.map((system) => system.id);
  for (const { message, range, file } of registry.problems)
    problems.push(file === fsPath ? { message, range } : { message, range, file });
  return { fsPath, text, config, timeZone, problems };
}

/**
 * The top-level `timeZone` of a config text, Asia/Shanghai when absent; a name the runtime does not know as an IANA
 * zone is a problem (and the default holds). Malformed YAML is left to `parseConfig` to report.
 */
export function timeZoneOf(text: string): { timeZone: string; problem?: ConfigProblem } {
  // Malformed, too large or too deep: parseConfig reports it.
  const parsed = parseConfigDocument(text);
  if ('problem' in parsed || parsed.document.errors.length > 0) return { timeZone: DEFAULT_TIME_ZONE };
  const doc = parsed.document;
  const node = doc.get('timeZone', true) as { value?: unknown; range?: [number, number, number] } | undefined;
  if (node === undefined || node === null) return { timeZone: DEFAULT_TIME_ZONE };
  const name = String(node.value ?? '');
  if (isTimeZone(name)) return { timeZone: name };
  const index = new TextIndex(text);
  return {
    timeZone: DEFAULT_TIME_ZONE,
    problem: {
      message: {
        zh: `timeZone「${name}」不是已知的 IANA 时区（例如 Asia/Shanghai）`,
        en: `timeZone "${name}" is not a known IANA time zone (e.g. Asia/Shanghai)`,
      },
      range: node.range ? index.range(node.range[0], node.range[1]) : index.range(0, 0),
    },
  };
}
