import { findDataElement } from '../../data-elements';
import { defineRule } from '../../rule';
import type { LocalizedText } from '../../types';
import { type AuthoritativeClaim, claimedData } from '../../workspace';
import { listFiles } from '../support';

/** How a message names what is claimed: the data element (Chinese and English names, id), else the item key. */
function claimedDataText(claim: AuthoritativeClaim): LocalizedText {
  if (!claim.element) return { zh: `字段「${claim.key}」`, en: `item key "${claim.key}"` };
  const element = findDataElement(claim.element);
  return element
    ? { zh: `数据元「${element.zh}」（${element.id}）`, en: `data element "${element.en}" (${element.id})` }
    : { zh: `数据元 ${claim.element}`, en: `data element ${claim.element}` };
}

export const rule = defineRule({
  id: 'single-source/conflict',
  severity: 'error',
  description: {
    zh: '两个提供方都对同一数据元（无数据元时按字段标识）声明了 source: authoritative（违反一数一源），跨工作区检查',
    en: 'two providers both declare `source: authoritative` for one data element (or, without one, one item key), across the workspace',
  },
  hasFix: false,
  scope: 'workspace',
  check({ self, workspace, report }) {
    for (const claim of self.authoritative) {
      const key = claimedData(claim);
      if ((workspace.authoritativeProviders.get(key)?.size ?? 0) < 2) continue;
      const claims = workspace.authoritativeByKey.get(key) ?? [];
      const others = claims.filter((other) => other.provider !== self.provider);
      const names = [...new Set(others.map((other) => other.file.providerName ?? other.provider))];
      const files = [...new Set(others.map((other) => other.file.path))];
      const data = claimedDataText(claim);
      report({
        at: ['items', claim.itemIndex, 'source'],
        message: {
          zh: `${data.zh}已由 ${names.join('、')} 声明为权威来源（${listFiles(files)}），一个数据元素只能有一个权威来源`,
          en: `${data.en} is also declared authoritative by ${names.join(', ')} (${listFiles(files)}); a data element has one authoritative source`,
        },
      });
    }
  },
});
