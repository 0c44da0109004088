import { zCatalogEntry } from '../../../generated/zod';
import { defineRule } from '../../rule';
import type { EntryPath } from '../../types';
import { contractMessage } from './contract-messages';

/** More findings than this for one file only repeat the first ones (10,000 bad items are one mistake). */
const MAX_CONTRACT_FINDINGS = 100;

/**
 * The exchange stores what the contract (`CatalogEntry` of the spec, as the generated `zCatalogEntry`) accepts
 * and nothing else. This rule runs that very schema, so `unsilo lint`, the editor and the exchange agree on
 * what an entry may be. It runs after the other per-file rules and stays silent wherever one of them already
 * reported an error (a missing field, a value outside its vocabulary, a malformed code): what is left are the
 * limits only the contract states — lengths, number ranges, patterns, types.
 */
export const rule = defineRule({
  id: 'schema/contract',
  severity: 'error',
  description: {
    zh: '条目不符合交换平台的接口规范（类型、长度、数值范围、格式，如信息项字段标识、数据长度、关联资源代码），交换平台会拒绝',
    en: 'the entry breaks the exchange contract (types, lengths, number ranges, patterns, e.g. item keys, lengths, related codes); the exchange refuses it',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report, hasError }) {
    const result = zCatalogEntry.safeParse(file.entry);
    if (result.success) return;
    let reported = 0;
    for (const issue of result.error.issues) {
      const path: EntryPath = issue.path.map((segment) =>
        typeof segment === 'symbol' ? String(segment) : segment,
      );
      if (hasError(path)) continue;
      report({ at: path, message: contractMessage(issue, path, file.get(path)) });
      if (++reported === MAX_CONTRACT_FINDINGS) break;
    }
  },
});
