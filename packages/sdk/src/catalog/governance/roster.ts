import type { RosterDepartment } from '../../generated';
import type { YamlNode } from '../yaml-ast';
import { type ListProblem, ListReader, parseListText, recordOf, sectionItems } from './list-text';

/** A department of the city's roster: its name, and its unified social credit code when known. */
export type Department = RosterDepartment;

export interface ParsedRoster {
  departments: Department[];
  problems: ListProblem[];
}

const FIELDS = ['name', 'code'] as const;
const CREDIT_CODE = /^[0-9A-Z]{18}$/;

/**
 * Reads a roster file: YAML or JSON, `departments: [{ name, code }]` (or the list alone). Problems (a missing
 * name, a code that is not 18 characters, a department listed twice, reserved keys) are reported with their
 * position, never thrown; the roster keeps the valid departments.
 */
export function parseRoster(text: string): ParsedRoster {
  const reader = new ListReader(text);
  const root = parseListText(reader);
  const items = root === undefined ? undefined : sectionItems(reader, root, 'departments');
  return { departments: items ? departmentsOf(reader, items) : [], problems: reader.problems };
}

/** The departments of a roster's records (also used for `departments:` written in unsilo.config.yaml). */
export function departmentsOf(reader: ListReader, items: readonly YamlNode[]): Department[] {
  const departments: Department[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const record = recordOf(reader, item, FIELDS, { zh: '部门', en: 'a department' });
    if (!record) continue;
    const name = typeof record.name === 'string' ? record.name : '';
    const code = typeof record.code === 'string' ? record.code.toUpperCase() : undefined;
    if (!name) {
      reader.problem('department.name-missing', item, {
        zh: '部门缺少名称（name）',
        en: 'a department without a name',
      });
      continue;
    }
    if (code !== undefined && !CREDIT_CODE.test(code)) {
      reader.problem('department.code-format', item, {
        zh: `「${name}」的 code 不是 18 位统一社会信用代码`,
        en: `the code of "${name}" is not an 18-character unified social credit code`,
      });
      continue;
    }
    const key = code ?? `name:${name}`;
    if (seen.has(key)) {
      reader.problem('department.duplicate', item, {
        zh: `「${name}」在名册中出现了两次`,
        en: `"${name}" is listed twice`,
      });
      continue;
    }
    seen.add(key);
    departments.push(code ? { name, code } : { name });
  }
  return departments;
}
