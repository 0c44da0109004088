/** The catalogue governed against the city's lists: roster, systems registry, services and powers, project gate. */
export { businessMatters, type EntryFacts, entryFacts } from './entry-facts';
export {
  GOVERNANCE_SECTIONS,
  type Governance,
  type GovernanceSection,
  type ParsedGovernanceConfig,
  parseGovernanceConfig,
} from './governance-config';
export { type GovernanceReport, governanceReport } from './governance-report';
export { type ListProblem, MAX_LIST_CHARS, MAX_LIST_RECORDS } from './list-text';
export { type ListedMatter, type MatterKind, type ParsedMatters, parseMatterList } from './matter-lists';
export { type MatterFigures, matterFigures, type UnmetMatter } from './matters-report';
export {
  type GateFinding,
  type GateFindingCode,
  type GateResult,
  type Project,
  parseProject,
  projectGate,
} from './project-gate';
export { type Department, type ParsedRoster, parseRoster } from './roster';
export {
  type DepartmentFigures,
  departmentFigures,
  type RosterFigures,
  rosterFigures,
} from './roster-report';
export {
  type ParsedSystems,
  parseSystems,
  type RegisteredSystem,
  type SystemBuiltBy,
  type SystemScope,
} from './systems';
export { type EntryRef, type ScopeShare, type SystemFigures, systemFigures } from './systems-report';
