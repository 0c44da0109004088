import { elementOfItem } from '../../data-elements';
import { insertKeyEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import { isBlank, itemsOf } from '../support';

export const rule = defineRule({
  id: 'items/element-suggested',
  severity: 'info',
  description: {
    zh: '信息项的名称或键正是数据元字典中的数据元（公民身份号码、gmsfhm…），但未指定 element',
    en: 'an item named or keyed exactly as a dictionary data element (公民身份号码, gmsfhm…) without an `element`',
  },
  hasFix: true,
  // On every 姓名 and 性别 of every catalogue written before the dictionary: the city turns it on when it
  // annotates its items (lint.rules: { items/element-suggested: info }).
  optIn: true,
  scope: 'file',
  check({ file, report }) {
    for (const { index, item } of itemsOf(file)) {
      if (!isBlank(item.element)) continue;
      const element = elementOfItem(item);
      if (!element) continue;
      const name = typeof item.name === 'string' ? item.name.trim() : String(item.key);
      const edit = insertKeyEdit(file, ['items', index, 'element'], yamlScalar(element.id));
      report({
        at: ['items', index, typeof item.name === 'string' ? 'name' : 'key'],
        message: {
          zh: `信息项「${name}」是数据元「${element.zh}」，建议标注 element: ${element.id}`,
          en: `item "${name}" is the data element "${element.en}"; consider element: ${element.id}`,
        },
        fixes: edit
          ? [
              {
                title: {
                  zh: `标注数据元 ${element.id}（${element.zh}）`,
                  en: `Add element ${element.id} (${element.en})`,
                },
                edits: [edit],
                // An element joins the item to every other item of that element (one authoritative source each).
                suggestion: true,
              },
            ]
          : [],
      });
    }
  },
});
