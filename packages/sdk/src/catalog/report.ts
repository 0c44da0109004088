import { type CatalogFile, parseCatalogFile } from './parse';
import { FORMATS_WITH_ITEMS, REQUIRED_FIELDS } from './rules/schema/required';
import { isBlank } from './rules/support';
import type { Diagnostic, LintResult, SourceFile } from './types';
import { canonicalToken } from './vocabulary';

/** A complete entry fills what schema/required asks for, plus items for structured formats. */
const COMPLETENESS_FIELDS = REQUIRED_FIELDS;
const STRUCTURED_FORMATS = FORMATS_WITH_ITEMS;

export type ShareBucket = 'unconditional' | 'conditional' | 'none' | 'unknown';

export interface ResourceStats {
  file: string;
  code: string;
  name: string;
  shareType: ShareBucket;
  updateCycle: string;
  items: number;
  /** Share of the required fields that are filled, 0..1. */
  completeness: number;
  missing: string[];
  errors: number;
  warnings: number;
}

export interface ProviderStats {
  name: string;
  code: string;
  resources: ResourceStats[];
  share: Record<ShareBucket, number>;
  completeness: number;
  errors: number;
  warnings: number;
  errorsByRule: Record<string, number>;
}

export interface CatalogStats {
  files: number;
  resources: number;
  providers: ProviderStats[];
  share: Record<ShareBucket, number>;
  completeness: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Rule id → number of diagnostics (errors and warnings), most frequent first. */
  byRule: Array<{ rule: string; severity: Diagnostic['severity']; count: number }>;
}

/** The department name of entries without `provider.name`; renderers show their own words for it. */
export const NO_PROVIDER_NAME = '（未填写提供方）';

const emptyShare = (): Record<ShareBucket, number> => ({
  unconditional: 0,
  conditional: 0,
  none: 0,
  unknown: 0,
});
const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

function resourceStats(file: CatalogFile, diagnostics: Diagnostic[]): ResourceStats {
  const required = [...COMPLETENESS_FIELDS];
  const format = canonicalToken('formatClass', file.string(['format', 'class']) ?? '');
  if (format && STRUCTURED_FORMATS.has(format)) required.push(['items']);
  // Fields the rules require in context count too: a condition for conditional sharing, a method when shared…
  const share = canonicalToken('shareType', file.string(['share', 'type']) ?? '');
  if (share === 'conditional' || share === 'none') required.push(['share', 'condition']);
  if (share === 'conditional' || share === 'unconditional') required.push(['share', 'method', 'class']);
  if (canonicalToken('openType', file.string(['open', 'type']) ?? '') === 'conditional')
    required.push(['open', 'condition']);
  if (canonicalToken('updateCycle', file.string(['updateCycle']) ?? '') === 'other')
    required.push(['updateCycleNote']);
  const missing = required
    .filter((path) => isBlank(file.get(path)) || file.get(path) === 'TODO')
    .map((p) => p.join('.'));
  const items = file.get(['items']);
  return {
    file: file.path,
    code: file.string(['code']) ?? '',
    name: file.string(['name']) ?? file.path,
    shareType: (share as ShareBucket | undefined) ?? 'unknown',
    updateCycle: canonicalToken('updateCycle', file.string(['updateCycle']) ?? '') ?? '',
    items: Array.isArray(items) ? items.length : 0,
    completeness: file.entry ? (required.length - missing.length) / required.length : 0,
    missing,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** Per-provider figures for the completeness report: resources, share types, completeness, findings by rule. */
export function catalogStats(files: readonly SourceFile[], result: LintResult): CatalogStats {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  const providers = new Map<string, ProviderStats>();
  for (const source of files) {
    const file = parseCatalogFile(source.path, source.text);
    const kind = file.entry?.kind;
    if (typeof kind === 'string' && kind !== 'InformationResource') continue;
    const diagnostics = byFile.get(source.path) ?? [];
    const name = file.string(['provider', 'name'])?.trim() || NO_PROVIDER_NAME;
    const code = file.string(['provider', 'code'])?.trim() ?? '';
    const key = code || name;
    let provider = providers.get(key);
    if (!provider) {
      provider = {
        name,
        code,
        resources: [],
        share: emptyShare(),
        completeness: 0,
        errors: 0,
        warnings: 0,
        errorsByRule: {},
      };
      providers.set(key, provider);
    }
    const stats = resourceStats(file, diagnostics);
    provider.resources.push(stats);
    provider.share[stats.shareType]++;
    provider.errors += stats.errors;
    provider.warnings += stats.warnings;
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === 'info') continue;
      provider.errorsByRule[diagnostic.rule] = (provider.errorsByRule[diagnostic.rule] ?? 0) + 1;
    }
  }
  const list = [...providers.values()];
  for (const provider of list) provider.completeness = average(provider.resources.map((r) => r.completeness));
  list.sort((a, b) => b.resources.length - a.resources.length || a.name.localeCompare(b.name, 'zh'));
  const share = emptyShare();
  for (const provider of list)
    for (const bucket of Object.keys(share) as ShareBucket[]) share[bucket] += provider.share[bucket];
  const counts = new Map<string, { rule: string; severity: Diagnostic['severity']; count: number }>();
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.severity === 'info') continue;
    const entry = counts.get(diagnostic.rule) ?? {
      rule: diagnostic.rule,
      severity: diagnostic.severity,
      count: 0,
    };
    entry.count++;
    counts.set(diagnostic.rule, entry);
  }
  const resources = list.flatMap((provider) => provider.resources);
  return {
    files: result.summary.files,
    resources: resources.length,
    providers: list,
    share,
    completeness: average(resources.map((r) => r.completeness)),
    errors: result.summary.errors,
    warnings: result.summary.warnings,
    infos: result.summary.infos,
    byRule: [...counts.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
  };
}
