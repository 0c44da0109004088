import { defineRule } from '../../rule';
import { canonicalToken } from '../../vocabulary';
import { isBlank, itemString, itemsOf } from '../support';

export const rule = defineRule({
  id: 'items/length-required',
  severity: 'warning',
  description: { zh: 'C 字符型或 N 数值型信息项未给出数据长度', en: 'C or N item without a length' },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    for (const { index, item } of itemsOf(file)) {
      const written = itemString(file, index, item, 'type');
      const type = written === undefined ? undefined : canonicalToken('itemType', written);
      if ((type !== 'C' && type !== 'N') || !isBlank(item.length)) continue;
      const name = typeof item.name === 'string' ? item.name : `#${index + 1}`;
      report({
        at: ['items', index, 'type'],
        message: {
          zh: `信息项「${name}」为 ${type === 'C' ? 'C 字符型' : 'N 数值型'}，须给出数据长度 length`,
          en: `item "${name}" is of type ${type} and needs a length`,
        },
      });
    }
  },
});
