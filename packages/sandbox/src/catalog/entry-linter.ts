import { lintText } from '@unsilo/sdk/catalog';
import type { LintFinding } from '../services';
import type { CatalogEntry } from './resource-store';

/**
 * Lints an entry sent over HTTP with the very engine the CLI and the editor use. The entry is linted as the
 * JSON text of itself (JSON is YAML); the rest of the catalogue is passed as the workspace, so the cross-file
 * rules (一数一源 conflicts, related codes) judge it against what the exchange already holds.
 */
export function createEntryLinter(otherEntries: (code: string) => CatalogEntry[]) {
  return (entry: CatalogEntry): LintFinding[] => {
    const code = typeof entry.code === 'string' ? entry.code : '';
    const path = `${code || 'entry'}.json`;
    const workspace = otherEntries(code).map((other) => ({
      path: `${other.code}.json`,
      text: JSON.stringify(other),
    }));
    const result = lintText(path, JSON.stringify(entry, null, 2), { workspace });
    return result.diagnostics.map((diagnostic) => ({
      rule: diagnostic.rule,
      severity: diagnostic.severity,
      message: diagnostic.message.en,
      zh: diagnostic.message.zh,
    }));
  };
}
