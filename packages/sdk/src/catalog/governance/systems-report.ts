import type { EntryFacts } from './entry-facts';
import type { RegisteredSystem, SystemScope } from './systems';

/** An entry as the governance lists name it. */
export interface EntryRef {
  file: string;
  code: string;
  name: string;
  provider: string;
}

export interface ScopeShare {
  /** A sharing scope, or `unknown` for systems the registry gives none. */
  scope: SystemScope | 'unknown';
  count: number;
  /** count ÷ systems in the registry, 0..1. */
  share: number;
}

export interface SystemFigures {
  /** Systems in the registry. */
  total: number;
  /** Systems that no catalogue entry names. */
  withoutEntries: RegisteredSystem[];
  /** Systems not connected to the exchange (`connected: false`, or not said). */
  notConnected: RegisteredSystem[];
  /** Entries that name no system. */
  entriesWithoutSystem: EntryRef[];
  /** Entries that name a system the registry does not list (lint: system/unknown). */
  entriesWithUnknownSystem: Array<EntryRef & { system: string }>;
  /** Systems by sharing scope, in the audit's order. */
  scopes: ScopeShare[];
  /** Entries per system id. */
  entriesBySystem: Record<string, number>;
}

const SCOPES: ReadonlyArray<SystemScope | 'unknown'> = [
  'cross-department',
  'department',
  'office',
  'standalone',
  'none',
  'unknown',
];

const refOf = (facts: EntryFacts): EntryRef => ({
  file: facts.file,
  code: facts.code,
  name: facts.name,
  provider: facts.provider.name || facts.provider.code,
});

/**
 * The registry against the catalogue: which systems hold no catalogued resource, which are not connected,
 * which entries say nothing of their system, and how far the city's systems share (the audit's classes).
 */
export function systemFigures(
  entries: readonly EntryFacts[],
  systems: readonly RegisteredSystem[],
): SystemFigures {
  const known = new Set(systems.map((system) => system.id));
  const entriesBySystem: Record<string, number> = Object.create(null);
  for (const system of systems) entriesBySystem[system.id] = 0;
  const entriesWithoutSystem: EntryRef[] = [];
  const entriesWithUnknownSystem: SystemFigures['entriesWithUnknownSystem'] = [];
  for (const facts of entries) {
    if (!facts.system) entriesWithoutSystem.push(refOf(facts));
    else if (!known.has(facts.system))
      entriesWithUnknownSystem.push({ ...refOf(facts), system: facts.system });
    else entriesBySystem[facts.system]!++;
  }
  const count = (scope: SystemScope | 'unknown') =>
    systems.filter((system) => (system.scope ?? 'unknown') === scope).length;
  return {
    total: systems.length,
    withoutEntries: systems.filter((system) => entriesBySystem[system.id] === 0),
    notConnected: systems.filter((system) => system.connected !== true),
    entriesWithoutSystem,
    entriesWithUnknownSystem,
    scopes: SCOPES.map((scope) => ({
      scope,
      count: count(scope),
      share: systems.length ? count(scope) / systems.length : 0,
    })).filter((share) => share.scope !== 'unknown' || share.count > 0),
    entriesBySystem,
  };
}
