import type { YamlNode } from '../yaml-ast';
import { type ListProblem, ListReader, mapValue, parseListText } from './list-text';
import { type ListedMatter, mattersOf } from './matter-lists';
import { type Department, departmentsOf } from './roster';
import { type RegisteredSystem, systemsOf } from './systems';

/** The city's lists the catalogue is governed against; a list that is not configured is undefined. */
export interface Governance {
  departments?: Department[];
  systems?: RegisteredSystem[];
  services?: ListedMatter[];
  powers?: ListedMatter[];
}

export type GovernanceSection = keyof Governance;
export const GOVERNANCE_SECTIONS: readonly GovernanceSection[] = [
  'departments',
  'systems',
  'services',
  'powers',
];

export interface ParsedGovernanceConfig {
  /** The lists written in the config itself. */
  governance: Governance;
  /** The lists the config names as files (`systems: { file: systems.yaml }`), relative to the config's folder. */
  files: Partial<Record<GovernanceSection, string>>;
  problems: ListProblem[];
}

/**
 * Reads the top-level `departments`, `systems`, `services` and `powers` of `unsilo.config.yaml`: each a list,
 * or `{ file: path }` naming a file (YAML, JSON, or CSV for services and powers) that the caller reads and
 * parses with parseRoster, parseSystems or parseMatterList. Problems carry their position, never thrown.
 */
export function parseGovernanceConfig(text: string): ParsedGovernanceConfig {
  const reader = new ListReader(text);
  const governance: Governance = {};
  const files: ParsedGovernanceConfig['files'] = {};
  const root = parseListText(reader);
  // YAML syntax errors of the config are parseConfig's to report; the other problems are this reader's.
  const problems = () => reader.problems.filter((problem) => problem.code !== 'list.syntax');
  if (root?.kind !== 'map') return { governance, files, problems: problems() };
  for (const section of GOVERNANCE_SECTIONS) {
    const node = mapValue(root, section);
    if (node === undefined) continue;
    const file = fileOf(reader, node, section);
    if (file) files[section] = file;
    else if (node?.kind === 'seq') sectionOf(reader, governance, section, node.items);
    else if (file === undefined)
      reader.problem('config.list-or-file', node, {
        zh: `${section} 必须是列表，或 { file: 文件路径 }`,
        en: `${section} must be a list, or { file: path }`,
      });
  }
  return { governance, files, problems: problems() };
}

/** `{ file: path }`: the path; '' when it is such a map but malformed (already reported); else undefined. */
function fileOf(reader: ListReader, node: YamlNode | null, section: string): string | undefined {
  if (node?.kind !== 'map') return undefined;
  const file = mapValue(node, 'file');
  if (
    node.pairs.length === 1 &&
    file?.kind === 'scalar' &&
    typeof file.value === 'string' &&
    file.value.trim()
  )
    return file.value.trim();
  reader.problem('config.list-file', node, {
    zh: `${section} 写作映射时只能有 file（文件路径）`,
    en: `${section} as a mapping takes only file (a path)`,
  });
  return '';
}

function sectionOf(
  reader: ListReader,
  governance: Governance,
  section: GovernanceSection,
  items: ReadonlyArray<YamlNode | null>,
): void {
  const records = items.filter((item): item is YamlNode => item !== null);
  if (section === 'departments') governance.departments = departmentsOf(reader, records);
  else if (section === 'systems') governance.systems = systemsOf(reader, records);
  else governance[section] = mattersOf(reader, records, section === 'services' ? 'service' : 'power');
}
