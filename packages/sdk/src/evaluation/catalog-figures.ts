import { type Department, rosterFigures } from '../catalog/governance/index';
import type { CatalogStats, ResourceStats } from '../catalog/report';
import type { DepartmentFigures } from './types';

/** One department's catalogue figures, and the resource codes that tie it to the exchange's figures. */
export interface CatalogDepartment {
  figures: DepartmentFigures;
  resourceCodes: string[];
}

function departmentOf(name: string, code: string, resources: readonly ResourceStats[]): CatalogDepartment {
  const entries = resources.length;
  const mean = (pick: (r: ResourceStats) => number) =>
    entries ? resources.reduce((n, r) => n + pick(r), 0) / entries : 0;
  return {
    figures: {
      name,
      code,
      entries,
      completeness: mean((r) => r.completeness),
      errors: resources.reduce((n, r) => n + r.errors, 0),
      noneShare: mean((r) => (r.shareType === 'none' ? 1 : 0)),
    },
    resourceCodes: resources.map((r) => r.code).filter((code) => code !== ''),
  };
}

/**
 * The departments to evaluate. Without a roster, the providers the entries name (`catalogStats`). With one, every
 * roster department as `rosterFigures` matches them — those that filed nothing included (they score 0 on coverage
 * and completeness) — then the providers the roster does not list.
 */
export function catalogDepartments(stats: CatalogStats, roster?: readonly Department[]): CatalogDepartment[] {
  if (!roster || roster.length === 0)
    return stats.providers.map((p) => departmentOf(p.name, p.code, p.resources));
  const { departments, unlisted } = rosterFigures(stats.providers, roster);
  return [
    ...departments.map((d) => departmentOf(d.name, d.code ?? '', d.resources)),
    ...unlisted.map((p) => departmentOf(p.name, p.code, p.resources)),
  ];
}
