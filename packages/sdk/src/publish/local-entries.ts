import { CatalogFile } from '../catalog/parse';
import type { WorkspaceText } from '../workspace/read';
import { PublishError } from './errors';
import type { LocalEntry } from './plan';

/** The files of a catalogue folder, split by who provides them. */
export interface LocalEntries {
  /** The entries the caller provides: the ones a publish plans. */
  local: LocalEntry[];
  /** Files of other departments, skipped with a reason. */
  skippedFiles: Array<{ file: string; reason: string }>;
  /** The other departments whose files were found, by provider code. */
  others: Array<{ code: string; name: string; files: number }>;
}

/** The entries the department `caller` (its code) provides; the others' files are skipped with a reason. */
export function localEntries(
  files: readonly WorkspaceText[],
  entryOf: (path: string) => Record<string, unknown> | undefined,
  caller: string,
): LocalEntries {
  const local: LocalEntry[] = [];
  const skippedFiles: LocalEntries['skippedFiles'] = [];
  const others = new Map<string, LocalEntries['others'][number]>();
  for (const file of files) {
    // Files the lint config ignores were not parsed by the lint: they are read here, as before.
    const entry = entryOf(file.path) ?? new CatalogFile(file.path, file.text).entry;
    if (!entry || (typeof entry.kind === 'string' && entry.kind !== 'InformationResource')) continue;
    const provider = entry.provider as { code?: unknown; name?: unknown } | undefined;
    const code = String(provider?.code ?? '');
    if (code.toUpperCase() !== caller.toUpperCase()) {
      skippedFiles.push({
        file: file.path,
        reason: `provided by ${String(provider?.code)}, not by the caller ${caller} (由其他部门提供，已跳过)`,
      });
      const other = others.get(code) ?? { code, name: String(provider?.name ?? ''), files: 0 };
      other.files += 1;
      others.set(code, other);
      continue;
    }
    local.push({ file: file.path, code: String(entry.code), name: String(entry.name ?? ''), entry });
  }
  return { local, skippedFiles, others: [...others.values()] };
}

/**
 * A folder without one entry of the caller is the wrong folder (or an empty one): publishing it would plan
 * nothing but withdrawals. The refusal names the departments whose files are there.
 */
export function noEntriesOfCaller(
  dir: string,
  caller: { name: string; code: string },
  others: LocalEntries['others'],
): PublishError {
  const me = `${caller.name} (${caller.code})`;
  if (others.length === 0) {
    return new PublishError(
      'publish.no_entries_of_caller',
      `${dir} holds no catalogue entry; nothing was sent to the exchange for ${me}.`,
      `${dir} 中没有目录条目，未向交换平台为 ${caller.name}（${caller.code}）提交任何内容。`,
    );
  }
  const found = others.map((o) => `${o.name || '?'} (${o.code || '?'}): ${o.files}`).join('; ');
  const foundZh = others.map((o) => `${o.name || '?'}（${o.code || '?'}）${o.files} 个`).join('；');
  return new PublishError(
    'publish.no_entries_of_caller',
    `${dir} holds no catalogue entry of ${me}, the department these credentials belong to; it holds files of: ${found}. Nothing was sent — is it the right folder, or the right credentials?`,
    `${dir} 中没有本部门 ${caller.name}（${caller.code}）的目录条目，只有其他部门的文件：${foundZh}。未向交换平台提交任何内容——请确认目录和凭据是否正确。`,
  );
}
