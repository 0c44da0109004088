import type { InformationSystem } from '../../generated';
import { canonicalToken, tokensOf } from '../vocabulary';
import type { YamlNode } from '../yaml-ast';
import { type ListProblem, ListReader, parseListText, recordOf, sectionItems } from './list-text';

/** Who built a system (`systemBuiltBy`) and how far it shares its data (`systemScope`, the audit's classes). */
export type SystemBuiltBy = 'national' | 'province' | 'city';
export type SystemScope = 'standalone' | 'office' | 'department' | 'cross-department' | 'none';

/** A system of the registry, its vocabulary values as tokens (单机运行 → standalone). */
export type RegisteredSystem = InformationSystem & { builtBy?: SystemBuiltBy; scope?: SystemScope };

export interface ParsedSystems {
  systems: RegisteredSystem[];
  problems: ListProblem[];
}

const FIELDS = ['id', 'name', 'department', 'builtBy', 'connected', 'scope'] as const;
const SYSTEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Reads a systems file: YAML or JSON, `systems: [{ id, name, department, builtBy, connected, scope }]`. */
export function parseSystems(text: string): ParsedSystems {
  const reader = new ListReader(text);
  const root = parseListText(reader);
  const items = root === undefined ? undefined : sectionItems(reader, root, 'systems');
  return { systems: items ? systemsOf(reader, items) : [], problems: reader.problems };
}

/** The systems of a registry's records (also used for `systems:` written in unsilo.config.yaml). */
export function systemsOf(reader: ListReader, items: readonly YamlNode[]): RegisteredSystem[] {
  const systems: RegisteredSystem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const record = recordOf(reader, item, FIELDS, { zh: '信息系统', en: 'a system' });
    if (!record) continue;
    const id = typeof record.id === 'string' ? record.id : '';
    const name = typeof record.name === 'string' ? record.name : '';
    if (!SYSTEM_ID.test(id) || !name) {
      reader.problem('system.id-or-name', item, {
        zh: '信息系统须有 id（字母或数字开头，可含 . _ -）和 name',
        en: 'a system needs an id (a letter or digit, then letters, digits, . _ -) and a name',
      });
      continue;
    }
    if (seen.has(id)) {
      reader.problem('system.duplicate', item, {
        zh: `系统标识「${id}」出现了两次`,
        en: `system id "${id}" is listed twice`,
      });
      continue;
    }
    seen.add(id);
    const system: RegisteredSystem = { id, name };
    if (typeof record.department === 'string') system.department = record.department;
    const builtBy = vocabularyField(reader, item, record.builtBy, 'systemBuiltBy', id);
    if (builtBy) system.builtBy = builtBy as SystemBuiltBy;
    const scope = vocabularyField(reader, item, record.scope, 'systemScope', id);
    if (scope) system.scope = scope as SystemScope;
    if (record.connected !== undefined) {
      if (typeof record.connected === 'boolean') system.connected = record.connected;
      else
        reader.problem('system.connected', item, {
          zh: `「${id}」的 connected 必须是 true 或 false`,
          en: `connected of "${id}" must be true or false`,
        });
    }
    systems.push(system);
  }
  return systems;
}

function vocabularyField(
  reader: ListReader,
  item: YamlNode,
  value: string | boolean | string[] | undefined,
  vocabulary: 'systemBuiltBy' | 'systemScope',
  id: string,
): string | undefined {
  if (value === undefined) return undefined;
  const token = typeof value === 'string' ? canonicalToken(vocabulary, value) : undefined;
  if (token) return token;
  const field = vocabulary === 'systemScope' ? 'scope' : 'builtBy';
  reader.problem(`system.${field}`, item, {
    zh: `「${id}」的 ${field}「${String(value)}」无效（${tokensOf(vocabulary).join('、')}，或其中文名称）`,
    en: `${field} "${String(value)}" of "${id}" is not one of ${tokensOf(vocabulary).join(', ')} (or their Chinese names)`,
  });
  return undefined;
}
