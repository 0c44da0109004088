import { findDataElement, nearestDataElement } from '../../data-elements';
import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import { itemString, itemsOf } from '../support';

export const rule = defineRule({
  id: 'items/element-unknown',
  severity: 'error',
  description: {
    zh: '信息项的数据元（element）不在 @unsilo/spec 的数据元字典中',
    en: 'an item’s `element` is not in the data-element dictionary of `@unsilo/spec`',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    for (const { index, item } of itemsOf(file)) {
      const value = itemString(file, index, item, 'element');
      if (value === undefined || value.trim() === '' || findDataElement(value)) continue;
      const nearest = nearestDataElement(value);
      const edit = nearest && replaceValueEdit(file, ['items', index, 'element'], yamlScalar(nearest.id));
      const hint = nearest
        ? {
            zh: `，是否应为 ${nearest.id}（${nearest.zh}）？`,
            en: `; did you mean ${nearest.id} (${nearest.en})?`,
          }
        : { zh: '', en: '' };
      report({
        at: ['items', index, 'element'],
        message: {
          zh: `数据元「${value}」不在数据元字典中${hint.zh}`,
          en: `data element "${value}" is not in the data-element dictionary${hint.en}`,
        },
        fixes:
          nearest && edit
            ? [
                {
                  title: {
                    zh: `改为 ${nearest.id}（${nearest.zh}）`,
                    en: `Change to ${nearest.id} (${nearest.en})`,
                  },
                  edits: [edit],
                  // The element decides who else claims the same data: only the author knows which one is meant.
                  suggestion: true,
                },
              ]
            : [],
      });
    }
  },
});
