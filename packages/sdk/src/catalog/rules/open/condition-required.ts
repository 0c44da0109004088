import { defineRule } from '../../rule';
import { isBlank, tokenAt } from '../support';

export const rule = defineRule({
  id: 'open/condition-required',
  severity: 'error',
  description: { zh: '有条件开放但未写明开放条件', en: 'conditional opening without a condition' },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['open', 'type'], 'openType') !== 'conditional') return;
    if (!isBlank(file.get(['open', 'condition']))) return;
    report({
      at: ['open', 'condition'],
      part: 'key',
      message: {
        zh: '有条件开放的资源必须在 open.condition 中写明开放条件',
        en: 'a conditionally open resource must state its conditions in open.condition',
      },
    });
  },
});
