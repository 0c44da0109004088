import type { CatalogStats } from '../report';
import type { SourceFile } from '../types';
import { entryFacts } from './entry-facts';
import type { Governance } from './governance-config';
import { type MatterFigures, matterFigures } from './matters-report';
import { type RosterFigures, rosterFigures } from './roster-report';
import { type SystemFigures, systemFigures } from './systems-report';

/** The catalogue against the city's lists; a part is there when its list is configured. */
export interface GovernanceReport {
  roster?: RosterFigures;
  systems?: SystemFigures;
  matters?: MatterFigures;
}

/**
 * The figures of `unsilo catalog report` that need the city's lists: departments that filed nothing (roster),
 * systems without entries or not connected and the sharing scopes (systems), services and powers whose data the
 * catalogue does not provide (services, powers).
 */
export function governanceReport(
  files: readonly SourceFile[],
  stats: CatalogStats,
  governance: Governance,
): GovernanceReport {
  const report: GovernanceReport = {};
  if (governance.departments) report.roster = rosterFigures(stats.providers, governance.departments);
  if (!governance.systems && !governance.services && !governance.powers) return report;
  const entries = entryFacts(files);
  if (governance.systems) report.systems = systemFigures(entries, governance.systems);
  if (governance.services || governance.powers)
    report.matters = matterFigures(entries, [...(governance.services ?? []), ...(governance.powers ?? [])]);
  return report;
}
