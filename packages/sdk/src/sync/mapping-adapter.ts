import type { CompiledMapping } from '../mapping/compile';
import type { SyncMapping } from './sync';

/** Sync's view of a compiled field mapping; `text` (the mapping file) pins resumes to this very mapping. */
export function syncMappingOf(
  compiled: CompiledMapping,
  text?: string,
  digest?: (text: string) => string,
): SyncMapping {
  const key = compiled.mapping.key ?? [];
  return {
    resource: compiled.mapping.resource,
    key,
    map: (values, row) => {
      const outcome = compiled.mapRow(values, row);
      if (outcome.errors || !outcome.record) {
        const errors = outcome.errors ?? [];
        // A row rejected for another field still names its key, so snapshot mode knows the key did not vanish.
        const keyIntact = outcome.partial && !errors.some((e) => key.includes(e.field));
        return keyIntact ? { ok: false, errors, record: outcome.partial } : { ok: false, errors };
      }
      return { ok: true, record: outcome.record };
    },
    ...(text !== undefined && digest ? { digest: digest(text) } : {}),
  };
}
