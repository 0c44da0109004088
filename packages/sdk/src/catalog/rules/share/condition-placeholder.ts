import { defineRule } from '../../rule';
import { isPlaceholderCondition } from '../condition-text';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'share/condition-placeholder',
  severity: 'error',
  description: {
    zh: '有条件共享的共享条件只是占位符（无、待定、/、- 等）',
    en: 'conditional sharing whose condition is a placeholder (无, 待定, N/A, /, - …)',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'conditional') return;
    const condition = file.string(['share', 'condition']);
    // A blank condition is share/condition-required's to report.
    if (condition === undefined || !isPlaceholderCondition(condition)) return;
    report({
      at: ['share', 'condition'],
      message: {
        zh: `共享条件「${condition.trim()}」只是占位符：有条件共享须写明实际条件（如使用范围、审批要求）`,
        en: `the share condition "${condition.trim()}" is a placeholder: state the real conditions (scope of use, approval)`,
      },
    });
  },
});
