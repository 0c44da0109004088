import { defineRule } from '../../rule';
import { itemString, itemsOf, lineOf } from '../support';

export const rule = defineRule({
  id: 'items/duplicate',
  severity: 'error',
  description: { zh: '两个信息项名称或字段标识相同', en: 'two items with one name or one key' },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    for (const field of ['name', 'key'] as const) {
      const seen = new Map<string, number>();
      for (const { index, item } of itemsOf(file)) {
        const raw = itemString(file, index, item, field);
        if (raw === undefined || raw.trim() === '') continue;
        const value = raw.trim();
        const first = seen.get(value);
        if (first === undefined) {
          seen.set(value, index);
          continue;
        }
        const line = lineOf(file, ['items', first, field]);
        report({
          at: ['items', index, field],
          message:
            field === 'name'
              ? {
                  zh: `信息项名称「${value}」重复（第 ${line} 行已有）`,
                  en: `item name "${value}" is repeated (first on line ${line})`,
                }
              : {
                  zh: `字段标识「${value}」重复（第 ${line} 行已有）`,
                  en: `item key "${value}" is repeated (first on line ${line})`,
                },
        });
      }
    }
  },
});
