import { defineRule } from '../../rule';
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
  check({ self, workspace, report }) {
    for (const { itemIndex, key } of self.authoritative) {
      if ((workspace.authoritativeProviders.get(key)?.size ?? 0) < 2) continue;
      const claims = workspace.authoritativeByKey.get(key) ?? [];
      const others = claims.filter((claim) => claim.provider !== self.provider);
      const names = [...new Set(others.map((claim) => claim.file.providerName ?? claim.provider))];
      const files = [...new Set(others.map((claim) => claim.file.path))];
      report({
        at: ['items', itemIndex, 'source'],
        message: {
          zh: `字段「${key}」已由 ${names.join('、')} 声明为权威来源（${listFiles(files)}），一个数据元素只能有一个权威来源`,
          en: `item key "${key}" is also declared authoritative by ${names.join(', ')} (${listFiles(files)}); a data element has one authoritative source`,
        },
      });
    }
  },
});
