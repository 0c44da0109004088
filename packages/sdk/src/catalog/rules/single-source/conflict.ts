import { defineRule } from '../../rule';
import { providerIdentity } from '../../workspace';
import { listFiles } from '../support';

export const rule = defineRule({
  id: 'single-source/conflict',
  severity: 'error',
  description: {
    zh: '两个提供方都对同一字段标识声明了 source: authoritative（违反一数一源），跨工作区检查',
    en: 'two providers both declare `source: authoritative` for one item key (one source per data element), across the workspace',
  },
  hasFix: false,
  scope: 'workspace',
  check({ file, workspace, report }) {
    const items = file.get(['items']);
    if (!Array.isArray(items)) return;
    items.forEach((item, index) => {
      if (!item || typeof item !== 'object' || (item as Record<string, unknown>).source !== 'authoritative')
        return;
      const key = (item as Record<string, unknown>).key;
      if (typeof key !== 'string') return;
      if ((workspace.authoritativeProviders.get(key)?.size ?? 0) < 2) return;
      const claims = workspace.authoritativeByKey.get(key) ?? [];
      const mine = providerIdentity(file);
      const others = claims.filter((claim) => claim.provider !== mine);
      const names = [
        ...new Set(others.map((claim) => claim.file.string(['provider', 'name']) ?? claim.provider)),
      ];
      const files = [...new Set(others.map((claim) => claim.file.path))];
      report({
        at: ['items', index, 'source'],
        message: {
          zh: `字段「${key}」已由 ${names.join('、')} 声明为权威来源（${listFiles(files)}），一个数据元素只能有一个权威来源`,
          en: `item key "${key}" is also declared authoritative by ${names.join(', ')} (${listFiles(files)}); a data element has one authoritative source`,
        },
      });
    });
  },
});
