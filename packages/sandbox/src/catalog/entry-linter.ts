import { type Finding, lintEntry, toProblemDetailItem } from '@unsilo/sdk/catalog';
import { zCatalogEntry } from '@unsilo/sdk/schemas';
import type { CatalogEntry, CatalogViewer } from './resource-store';

/**
 * The whole judgement of an entry sent over HTTP, made before anything is stored: the very rules the CLI and
 * the editor run, on the parsed JSON as it is (no text round trip), with the rest of the catalogue as the
 * workspace so the cross-file rules (一数一源 conflicts, related codes) judge it against what the exchange
 * holds — as far as its author may see it (another department's draft is not quoted back). Among those rules, schema/contract runs the contract's own schema, so an entry the exchange could not
 * answer with (`zCatalogEntry`) is never stored; the last check below keeps that true whatever the rules say.
 */
export function createEntryLinter(
  otherEntries: (code: string, viewer: CatalogViewer) => Promise<CatalogEntry[]>,
) {
  return async (entry: CatalogEntry, viewer: CatalogViewer): Promise<Finding[]> => {
    const code = typeof entry.code === 'string' ? entry.code : '';
    const path = `${code || 'entry'}.json`;
    const workspace = (await otherEntries(code, viewer)).map((other) => ({
      path: `${other.code}.json`,
      entry: other,
    }));
    const findings = lintEntry(path, entry, { workspace }).diagnostics.map(toProblemDetailItem);
    if (
      !findings.some((finding) => finding.severity === 'error') &&
      !zCatalogEntry.safeParse(entry).success
    ) {
      findings.push({
        rule: 'schema/contract',
        severity: 'error',
        path: '',
        message: 'the entry does not match the CatalogEntry schema of the contract',
        zh: '目录条目不符合接口规范中的 CatalogEntry 定义',
      });
    }
    return findings;
  };
}
