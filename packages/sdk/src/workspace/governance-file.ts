import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type Governance,
  type GovernanceSection,
  type ListProblem,
  MAX_LIST_CHARS,
  parseGovernanceConfig,
  parseMatterList,
  parseRoster,
  parseSystems,
} from '../catalog/governance/index';

/** A problem of the city's lists, with the file it is in (the config, or a file it names). */
export type GovernanceProblem = ListProblem & { file: string };

export interface GovernanceFiles {
  governance: Governance;
  problems: GovernanceProblem[];
}

export interface ReadGovernanceOptions {
  /** A roster file that replaces the config's `departments` (`unsilo catalog report --roster FILE`). */
  roster?: string;
  /** Read only these lists (the linter needs the systems registry alone). Default: all. */
  sections?: readonly GovernanceSection[];
}

/**
 * The city's lists of a workspace: `departments`, `systems`, `services` and `powers` of the config at
 * `configPath` (absent file: no lists), each written there or in a file it names relative to its folder.
 * What cannot be read or is malformed is a problem with its file and position, never thrown.
 */
export function readGovernance(
  configPath: string | undefined,
  options: ReadGovernanceOptions = {},
): GovernanceFiles {
  const problems: GovernanceProblem[] = [];
  let governance: Governance = {};
  const wanted = new Set(options.sections ?? ['departments', 'systems', 'services', 'powers']);
  const configText = configPath ? readText(configPath, problems, true) : undefined;
  if (configPath && configText !== undefined) {
    const parsed = parseGovernanceConfig(configText);
    governance = parsed.governance;
    problems.push(...parsed.problems.map((problem) => ({ ...problem, file: configPath })));
    for (const [section, file] of Object.entries(parsed.files) as Array<[GovernanceSection, string]>) {
      if (wanted.has(section)) readSection(governance, section, resolve(dirname(configPath), file), problems);
    }
  }
  if (options.roster) {
    delete governance.departments;
    readSection(governance, 'departments', resolve(options.roster), problems);
  }
  for (const section of Object.keys(governance) as GovernanceSection[])
    if (!wanted.has(section)) delete governance[section];
  return { governance, problems };
}

function readSection(
  governance: Governance,
  section: GovernanceSection,
  path: string,
  problems: GovernanceProblem[],
): void {
  const text = readText(path, problems, false);
  if (text === undefined) return;
  const keep = (found: ListProblem[]) =>
    problems.push(...found.map((problem) => ({ ...problem, file: path })));
  if (section === 'departments') {
    const { departments, problems: found } = parseRoster(text);
    governance.departments = departments;
    keep(found);
  } else if (section === 'systems') {
    const { systems, problems: found } = parseSystems(text);
    governance.systems = systems;
    keep(found);
  } else {
    const { matters, problems: found } = parseMatterList(
      text,
      section === 'services' ? 'service' : 'power',
      path,
    );
    governance[section] = matters;
    keep(found);
  }
}

/** The text of a file; undefined with a problem when it cannot be read (a missing config is no problem). */
function readText(path: string, problems: GovernanceProblem[], optional: boolean): string | undefined {
  const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  try {
    // Bytes bound the characters from above: a file too large is refused before it is read.
    if (statSync(path).size > MAX_LIST_CHARS * 4) {
      problems.push({
        code: 'list.too-large',
        file: path,
        range: at,
        message: { zh: '文件过大，未读取', en: 'the file is too large and was not read' },
      });
      return undefined;
    }
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    problems.push({
      code: 'list.unreadable',
      file: path,
      range: at,
      message: {
        zh: `无法读取文件（${code ?? (error as Error).message}）`,
        en: `cannot read the file (${code ?? (error as Error).message})`,
      },
    });
    return undefined;
  }
}
