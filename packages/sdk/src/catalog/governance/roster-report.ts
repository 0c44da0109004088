import type { ProviderStats, ResourceStats } from '../report';
import type { Department } from './roster';

/** One department of the roster with what it filed: the figures the city's leadership asks for. */
export interface DepartmentFigures {
  name: string;
  code?: string;
  /** Catalogue entries filed. */
  entries: number;
  /** Average completeness of its entries, 0..1 (0 when it filed nothing). */
  completeness: number;
  errors: number;
  warnings: number;
  /** Filed nothing. */
  none: boolean;
  resources: ResourceStats[];
}

export interface RosterFigures {
  /** Every department of the roster, those that filed nothing first, then in roster order. */
  departments: DepartmentFigures[];
  /** The departments that filed nothing, in roster order. */
  filedNothing: Array<{ name: string; code?: string }>;
  /** Providers of entries that are not on the roster. */
  unlisted: ProviderStats[];
}

/**
 * The roster's departments with their entries: a provider is the department whose code is its `provider.code`,
 * else the department whose name is its `provider.name` (trimmed, exactly). Providers matching none are
 * `unlisted`.
 */
export function rosterFigures(
  providers: readonly ProviderStats[],
  roster: readonly Department[],
): RosterFigures {
  const byCode = new Map(
    roster.flatMap((department) => (department.code ? [[department.code, department]] : [])),
  );
  const byName = new Map(roster.map((department) => [department.name.trim(), department]));
  const filed = new Map<Department, ProviderStats[]>();
  const unlisted: ProviderStats[] = [];
  for (const provider of providers) {
    const department = byCode.get(provider.code.toUpperCase()) ?? byName.get(provider.name.trim());
    if (!department) unlisted.push(provider);
    else filed.set(department, [...(filed.get(department) ?? []), provider]);
  }
  const departments = roster.map((department) => figuresOf(department, filed.get(department) ?? []));
  const filedNothing = departments.filter((figures) => figures.none);
  return {
    departments: [...filedNothing, ...departments.filter((figures) => !figures.none)],
    filedNothing: filedNothing.map(({ name, code }) => (code ? { name, code } : { name })),
    unlisted,
  };
}

/** Per roster department: name, code, entries, completeness, errors, and whether it filed nothing. */
export function departmentFigures(
  providers: readonly ProviderStats[],
  roster: readonly Department[],
): DepartmentFigures[] {
  return rosterFigures(providers, roster).departments;
}

function figuresOf(department: Department, providers: readonly ProviderStats[]): DepartmentFigures {
  const resources = providers.flatMap((provider) => provider.resources);
  const sum = (pick: (resource: ResourceStats) => number) =>
    resources.reduce((total, resource) => total + pick(resource), 0);
  return {
    name: department.name,
    ...(department.code ? { code: department.code } : {}),
    entries: resources.length,
    completeness: resources.length ? sum((resource) => resource.completeness) / resources.length : 0,
    errors: sum((resource) => resource.errors),
    warnings: sum((resource) => resource.warnings),
    none: resources.length === 0,
    resources,
  };
}
