import { defineRule } from '../../rule';
import { isPlaceholderCondition } from '../condition-text';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'open/condition-placeholder',
  severity: 'error',
  description: {
    zh: '有条件开放的开放条件只是占位符（无、待定、/、- 等）',
    en: 'conditional opening whose condition is a placeholder (无, 待定, N/A, /, - …)',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['open', 'type'], 'openType') !== 'conditional') return;
    const condition = file.string(['open', 'condition']);
    // A blank condition is open/condition-required's to report.
    if (condition === undefined || !isPlaceholderCondition(condition)) return;
    report({
      at: ['open', 'condition'],
      message: {
        zh: `开放条件「${condition.trim()}」只是占位符：有条件开放须写明实际条件`,
        en: `the open condition "${condition.trim()}" is a placeholder: state the real conditions`,
      },
    });
  },
});
