import type { CompiledMapping } from '../mapping/compile';
import type { SyncMapping } from './sync';

/** Sync's view of a compiled field mapping; `text` (the mapping file) pins resumes to this very mapping. */
export function syncMappingOf(
  compiled: CompiledMapping,
  text?: string,
  digest?: (text: string) => string,
): SyncMapping {
  return {
    resource: compiled.mapping.resource,
    key: compiled.mapping.key ?? [],
    map: (values, row) => {
      const outcome = compiled.mapRow(values, row);
      if (outcome.errors || !outcome.record) return { ok: false, errors: outcome.errors ?? [] };
      return { ok: true, record: outcome.record };
    },
    ...(text !== undefined && digest ? { digest: digest(text) } : {}),
  };
}
