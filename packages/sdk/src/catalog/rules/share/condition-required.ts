import { defineRule } from '../../rule';
import { isBlank, tokenAt } from '../support';

export const rule = defineRule({
  id: 'share/condition-required',
  severity: 'error',
  description: { zh: '有条件共享但未写明共享条件', en: 'conditional sharing without a condition' },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'conditional') return;
    if (!isBlank(file.get(['share', 'condition']))) return;
    report({
      at: ['share', 'condition'],
      part: 'key',
      message: {
        zh: '有条件共享的资源必须在 share.condition 中写明共享条件（如使用范围、审批要求）',
        en: 'a conditionally shared resource must state its conditions in share.condition (scope of use, approval)',
      },
    });
  },
});
