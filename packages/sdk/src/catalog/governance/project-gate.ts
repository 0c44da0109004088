import type { CatalogStats, ResourceStats } from '../report';
import type { LocalizedText } from '../types';
import type { EntryFacts } from './entry-facts';
import { type ListProblem, ListReader, parseListText, recordOf } from './list-text';
import type { RegisteredSystem } from './systems';

/** A project under review: its name and the systems it builds or changes (ids of the registry). */
export interface Project {
  name: string;
  systems: string[];
}

export type GateFindingCode = 'gate.unknown-system' | 'gate.no-entries' | 'gate.incomplete' | 'gate.errors';

/** One thing that keeps a project from passing the gate, with the system (and entry) it is about. */
export interface GateFinding {
  code: GateFindingCode;
  system: string;
  entry?: { file: string; code: string; name: string };
  /** The required fields the entry lacks (gate.incomplete). */
  missing?: string[];
  /** The entry's lint errors (gate.errors). */
  errors?: number;
  message: LocalizedText;
}

export interface GateResult {
  project: string;
  passed: boolean;
  systems: Array<{ id: string; name?: string; known: boolean; entries: number }>;
  findings: GateFinding[];
}

/** Reads project.yaml: `name` and `systems: [ids]`. Problems carry their position, never thrown. */
export function parseProject(text: string): { project?: Project; problems: ListProblem[] } {
  const reader = new ListReader(text);
  const root = parseListText(reader);
  if (root === undefined) return { problems: reader.problems };
  const record = root
    ? recordOf(reader, root, ['name', 'systems'], { zh: '项目', en: 'the project' })
    : undefined;
  const name = typeof record?.name === 'string' ? record.name : '';
  const systems = Array.isArray(record?.systems) ? record.systems : [];
  if (!name || systems.length === 0) {
    reader.problem('project.incomplete', root, {
      zh: '项目须有 name 和 systems（所建设或改造的信息系统标识列表）',
      en: 'a project needs a name and systems (the ids of the systems it builds or changes)',
    });
    return { problems: reader.problems };
  }
  return { project: { name, systems: [...new Set(systems)] }, problems: reader.problems };
}

/**
 * The gate a reviewer runs before approving (立项) or accepting (验收) a project: it passes only when every
 * system of the project is in the registry and has at least one catalogue entry, and every entry of those
 * systems is complete (all required fields) and has no lint error.
 */
export function projectGate(
  project: Project,
  registry: readonly RegisteredSystem[],
  entries: readonly EntryFacts[],
  stats: CatalogStats,
): GateResult {
  const byId = new Map(registry.map((system) => [system.id, system]));
  const statsByFile = new Map(
    stats.providers.flatMap((provider) => provider.resources.map((resource) => [resource.file, resource])),
  );
  const findings: GateFinding[] = [];
  const systems = project.systems.map((id) => {
    const system = byId.get(id);
    const own = entries.filter((facts) => facts.system === id);
    if (!system) findings.push(unknownSystem(id));
    else if (own.length === 0) findings.push(noEntries(system));
    for (const facts of system ? own : [])
      findings.push(...entryFindings(id, facts, statsByFile.get(facts.file)));
    return { id, ...(system ? { name: system.name } : {}), known: Boolean(system), entries: own.length };
  });
  return { project: project.name, passed: findings.length === 0, systems, findings };
}

function unknownSystem(id: string): GateFinding {
  return {
    code: 'gate.unknown-system',
    system: id,
    message: { zh: `信息系统「${id}」不在系统登记表中`, en: `system "${id}" is not in the systems registry` },
  };
}

function noEntries(system: RegisteredSystem): GateFinding {
  return {
    code: 'gate.no-entries',
    system: system.id,
    message: {
      zh: `信息系统「${system.name}」（${system.id}）没有编制任何目录条目（条目以 system: ${system.id} 指明）`,
      en: `system "${system.name}" (${system.id}) has no catalogue entry (entries name it with system: ${system.id})`,
    },
  };
}

function entryFindings(system: string, facts: EntryFacts, stats: ResourceStats | undefined): GateFinding[] {
  const entry = { file: facts.file, code: facts.code, name: facts.name };
  const findings: GateFinding[] = [];
  const missing = stats ? stats.missing : ['—'];
  if (!stats || stats.completeness < 1)
    findings.push({
      code: 'gate.incomplete',
      system,
      entry,
      missing,
      message: {
        zh: `「${facts.name}」（${facts.file}）不完整，缺少：${missing.join('、')}`,
        en: `"${facts.name}" (${facts.file}) is incomplete, missing: ${missing.join(', ')}`,
      },
    });
  if (stats && stats.errors > 0)
    findings.push({
      code: 'gate.errors',
      system,
      entry,
      errors: stats.errors,
      message: {
        zh: `「${facts.name}」（${facts.file}）有 ${stats.errors} 处错误（unsilo lint 列出）`,
        en: `"${facts.name}" (${facts.file}) has ${stats.errors} error(s) (unsilo lint lists them)`,
      },
    });
  return findings;
}
