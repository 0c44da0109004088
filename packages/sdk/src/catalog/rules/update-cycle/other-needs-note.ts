import { defineRule } from '../../rule';
import { isBlank, tokenAt } from '../support';

export const rule = defineRule({
  id: 'update-cycle/other-needs-note',
  severity: 'warning',
  description: {
    zh: '更新周期为 other（其他）但没有 updateCycleNote 说明',
    en: '`other` without `updateCycleNote`',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['updateCycle'], 'updateCycle') !== 'other') return;
    if (!isBlank(file.get(['updateCycleNote']))) return;
    report({
      at: ['updateCycle'],
      message: {
        zh: '更新周期为 other（其他）时须在 updateCycleNote 中说明实际更新方式',
        en: 'an update cycle of other needs updateCycleNote to say how the resource is updated',
      },
    });
  },
});
