import { defineRule } from '../../rule';
import { isBlank, tokenAt } from '../support';

export const rule = defineRule({
  id: 'share/basis-required',
  severity: 'error',
  description: { zh: '不予共享但未写明法律法规或政策依据', en: '`none` without a legal or policy basis' },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'none') return;
    if (!isBlank(file.get(['share', 'condition']))) return;
    report({
      at: ['share', 'condition'],
      part: 'key',
      message: {
        zh: '不予共享的资源必须在 share.condition 中写明法律法规或党中央、国务院政策依据',
        en: 'a resource that is not shared must give the legal or policy basis in share.condition',
      },
    });
  },
});
